package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

class RoutingTest {

    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TransportFixture fx;

    @BeforeEach
    void start() {
        fx = new TransportFixture(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static Message get(CompletableFuture<Message> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void externalClientReachesInternalEndpointAndGetsItsOwnCorrelationIdBack() throws Exception {
        fx.brokerHarness.register("echo", TransportFixture.echo());
        V2eClient c = fx.client();
        Message answer = get(c.request(Message.request(null, "echo", "RPCEcho", "{\"n\": [1, 2]}", "my-7")));
        assertEquals(new Message(MessageType.RESPONSE, "RPCEcho", "{\"n\": [1, 2]}", null, "echo", "conn-1", "my-7"), answer);
    }

    @Test
    void externalServeEndpointIsReachedFromInsideAndListedAsExternal() throws Exception {
        V2eClient ext = fx.client();
        ext.serve("ext", req -> "{\"echo\":" + req.payload() + "}", T);
        Message answer = get(fx.broker().request(Message.request("inside", "ext", "M", "[1,2,3]", null)));
        assertEquals(MessageType.RESPONSE, answer.type(), answer.toString());
        assertEquals("{\"echo\":[1,2,3]}", answer.payload());
        assertEquals("ext", answer.source());
        EndpointStats listed = fx.brokerHarness.stats().endpoints().stream().filter(e -> e.name().equals("ext"))
                .findFirst().orElseThrow();
        assertEquals(io.v2e.broker.api.EndpointKind.EXTERNAL, listed.kind());
    }

    @Test
    void internalEndpointSendingToExternalGetsTheResponseRoutedToIt() throws Exception {
        V2eClient ext = fx.client();
        ext.serve("ext", Message::payload, T);
        List<Message> relayed = new CopyOnWriteArrayList<>();
        Endpoint relay = m -> {
            relayed.add(m);
            return null;
        };
        fx.brokerHarness.register("relay", relay);
        fx.broker().send(Message.request("relay", "ext", "Ping", "{\"x\":1}", "relay-1"));
        await("the response reached the relay endpoint").atMost(TransportFixture.PATIENCE)
                .until(() -> !relayed.isEmpty());
        assertEquals(new Message(MessageType.RESPONSE, "Ping", "{\"x\":1}", null, "ext", "relay", "relay-1"),
                relayed.get(0));
    }

    @Test
    void externalToExternalThroughTheBroker() throws Exception {
        V2eClient server = fx.client();
        server.serve("svc", req -> "\"from svc: " + req.id() + "\"", T);
        V2eClient caller = fx.client();
        Message answer = caller.request("svc", "Hello", "{}", T);
        assertEquals(MessageType.RESPONSE, answer.type(), answer.toString());
        assertEquals("\"from svc: Hello\"", answer.payload());
    }

    @Test
    void subprocessReadyEventNamesTheConnectionAndEmptySourcesGetItsName() throws Exception {
        List<Message> seen = new CopyOnWriteArrayList<>();
        fx.brokerHarness.register("recorder", m -> {
            seen.add(m);
            return null;
        });
        RawPeer sub = fx.raw();
        sub.writeLine("{\"type\":\"event\",\"id\":\"subprocess_ready\",\"source\":\"gosub\"}");
        await("gosub is an endpoint").atMost(TransportFixture.PATIENCE)
                .until(() -> fx.transport.named("gosub") != null);
        // the broker reaches it by name
        fx.broker().send(Message.event("inside", "gosub", "tick", "{\"n\":1}"));
        assertEquals(new Message(MessageType.EVENT, "tick", "{\"n\":1}", null, "inside", "gosub", null), sub.readMessage());
        // and its messages without source carry its name
        sub.writeLine("{\"type\":\"event\",\"id\":\"hello\",\"target\":\"recorder\",\"payload\":true}");
        await("recorder got the event").atMost(TransportFixture.PATIENCE).until(() -> !seen.isEmpty());
        assertEquals(new Message(MessageType.EVENT, "hello", "true", null, "gosub", "recorder", null), seen.get(0));
    }

    @Test
    void rpcRegisterIsAnsweredWithAResponseAndABadNameWithAnError() throws Exception {
        RawPeer p = fx.raw();
        p.writeLine("{\"type\":\"request\",\"id\":\"RPCRegister\",\"target\":\"broker\",\"payload\":{\"name\":\"broker\"},"
                + "\"correlation_id\":\"r1\"}");
        Message refused = p.readMessage();
        assertEquals(MessageType.ERROR, refused.type());
        assertEquals("r1", refused.correlationId());
        assertEquals("name 'broker' is the broker's own", refused.error());
        p.writeLine("{\"type\":\"request\",\"id\":\"RPCRegister\",\"target\":\"broker\",\"payload\":{\"name\":\"worker-1\"},"
                + "\"correlation_id\":\"r2\"}");
        assertEquals(new Message(MessageType.RESPONSE, "RPCRegister", "{\"name\":\"worker-1\",\"registered\":true}", null,
                "broker", "worker-1", "r2"), p.readMessage());
    }

    @Test
    void nameHeldByAnInternalEndpointIsRefused() throws Exception {
        fx.brokerHarness.register("echo", TransportFixture.echo());
        V2eClient c = fx.client();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> c.serve("echo", Message::payload, T));
        assertEquals("cannot serve 'echo': name 'echo' is held by an endpoint inside the container", e.getMessage());
    }

    @Test
    void newConnectionWithTheSameNameReplacesTheOld() throws Exception {
        V2eClient first = fx.client();
        first.serve("dup", req -> "\"first\"", T);
        V2eClient second = fx.client();
        second.serve("dup", req -> "\"second\"", T);
        Message answer = get(fx.broker().request(Message.request("inside", "dup", "Who", "{}", null)));
        assertEquals("\"second\"", answer.payload());
        await("the first connection was closed").atMost(TransportFixture.PATIENCE).until(first::isClosed);
        assertEquals("replaced by a newer connection named 'dup'", first.lastError());
    }

    @Test
    void requestsWaitingOnADroppedConnectionAreAnsweredWithErrors() throws Exception {
        RawPeer p = fx.raw();
        p.writeLine("{\"type\":\"request\",\"id\":\"RPCRegister\",\"target\":\"broker\",\"payload\":{\"name\":\"mute\"}}");
        assertEquals(MessageType.RESPONSE, p.readMessage().type());
        CompletableFuture<Message> a = fx.broker().request(Message.request("inside", "mute", "Q1", "1", "q-1"));
        CompletableFuture<Message> b = fx.broker().request(Message.request("inside", "mute", "Q2", "2", "q-2"));
        assertEquals("q-1", p.readMessage().correlationId()); // it got them, and will never answer
        assertEquals("q-2", p.readMessage().correlationId());
        p.close();
        Message ea = get(a);
        Message eb = get(b);
        assertEquals(new Message(MessageType.ERROR, "Q1", null, "endpoint 'mute' went away", "mute", "inside", "q-1"), ea);
        assertEquals(new Message(MessageType.ERROR, "Q2", null, "endpoint 'mute' went away", "mute", "inside", "q-2"), eb);
        await("mute is gone").atMost(TransportFixture.PATIENCE).until(() -> fx.transport.named("mute") == null);
        assertEquals("unknown target 'mute'",
                get(fx.broker().request(Message.request("inside", "mute", "Q3", "3", null))).error());
    }

    @Test
    void anUnnamedPeersEventToAnUnknownTargetIsAnsweredByTheTransport() throws Exception {
        RawPeer p = fx.raw();
        p.writeLine("{\"type\":\"event\",\"id\":\"ev\",\"target\":\"nobody\"}");
        Message e = p.readMessage();
        assertEquals(MessageType.ERROR, e.type());
        assertEquals("ev", e.id());
        assertEquals("event not delivered: unknown target 'nobody'", e.error());
    }

    @Test
    void unknownTargetRequestIsAnsweredWithTheBrokersErrorAndThePeersIds() throws Exception {
        RawPeer p = fx.raw();
        p.writeLine("{\"type\":\"request\",\"id\":\"M\",\"target\":\"nobody\",\"correlation_id\":\"x-1\"}");
        assertEquals(new Message(MessageType.ERROR, "M", null, "unknown target 'nobody'", "broker", "conn-1", "x-1"),
                p.readMessage());
        p.writeLine("{\"type\":\"request\",\"id\":\"M\",\"target\":\"nobody\"}");
        Message noCorr = p.readMessage();
        assertNull(noCorr.correlationId(), noCorr.toString());
        assertTrue(noCorr.error().startsWith("unknown target"));
    }

    @Test
    void describeListsListenersAndConnectionsWithTheirNames() throws Exception {
        V2eClient named = fx.client();
        named.serve("shown", Message::payload, T);
        fx.brokerHarness.register("echo", TransportFixture.echo());
        V2eClient anon = fx.client();
        anon.request("echo", "M", "1", T);
        await("both connected").atMost(TransportFixture.PATIENCE).until(() -> fx.transport.connections().size() == 2);
        // The client can read its answer before the writer thread has counted the line as out
        // and released its queued bytes: wait for the counters to settle.
        String namedRow = "1\\s+unix\\s+shown\\s+1\\s+1\\s+0\\s+0\\s+0\\s+0";
        String anonRow = "2\\s+unix\\s+-\\s+1\\s+1\\s+0\\s+0\\s+0\\s+0";
        await("answers counted").atMost(TransportFixture.PATIENCE).until(() -> fx.transport.describe().lines().filter(
                l -> l.matches(namedRow) || l.matches(anonRow)).count() == 2);
        List<String> lines = fx.transport.describe().lines().toList();
        assertEquals("unix: " + fx.socket, lines.get(0));
        assertEquals("tcp:  off", lines.get(1));
        assertEquals("policy: open (no rules), refusals 0", lines.get(2));
        assertTrue(lines.get(3).startsWith("ID    PEER"), lines.get(3));
        assertEquals(6, lines.size(), String.join("\n", lines));
        // id, peer, name, lines in, lines out, bad, in flight, queued bytes, dropped
        assertTrue(lines.get(4).matches(namedRow), lines.get(4));
        assertTrue(lines.get(5).matches(anonRow), lines.get(5));
    }
}
