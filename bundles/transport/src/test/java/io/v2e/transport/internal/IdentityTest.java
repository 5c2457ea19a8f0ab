package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.client.V2eClient;

/** Identity comes from the connection: forged answers, spoofed sources and name takeovers fail (issue 16). */
class IdentityTest {

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

    private static String register(String name, String corr) {
        return TransportFixture.registerLine(name, null, corr);
    }

    @Test
    void forgedResponseFromAThirdConnectionIsRefusedCountedAndTheCallerGetsTheRealAnswer() throws Exception {
        RawPeer svc = fx.raw();
        svc.writeLine(register("svc", "r1"));
        assertEquals(MessageType.RESPONSE, svc.readMessage().type());
        V2eClient caller = fx.client();
        CompletableFuture<Message> answer = caller.request(Message.request(null, "svc", "M", "\"q\"", "c1"));
        Message given = svc.readMessage();
        assertTrue(given.correlationId().endsWith("c1"), given.correlationId());

        // Mallory knows (or guesses) the internal correlation id exactly
        RawPeer mallory = fx.raw();
        mallory.writeLine("{\"type\":\"response\",\"id\":\"M\",\"payload\":\"forged\",\"target\":\"" + given.source()
                + "\",\"correlation_id\":\"" + given.correlationId() + "\"}");
        Message refused = mallory.readMessage();
        assertEquals(MessageType.ERROR, refused.type());
        assertTrue(refused.error().startsWith("response refused: no request with correlation_id '" + given.correlationId()
                + "' was given to 'conn-"), refused.error());
        mallory.writeLine("{\"type\":\"error\",\"id\":\"M\",\"error\":\"forged\",\"correlation_id\":\""
                + given.correlationId() + "\"}");
        assertTrue(mallory.readMessage().error().startsWith("error refused:"));
        assertFalse(answer.isDone(), "the caller must not have received a forgery");
        assertEquals(2, fx.broker().stats().forgedAnswers());

        svc.writeLine(given.response("\"real\"").toString());
        Message real = answer.get(20, TimeUnit.SECONDS);
        assertEquals(new Message(MessageType.RESPONSE, "M", "\"real\"", null, "svc", given.source(), "c1"), real);
        assertEquals(2, fx.broker().stats().forgedAnswers());
    }

    @Test
    void spoofedSourceIsRefusedAndTheReplyGoesToTheTrueSender() throws Exception {
        List<Message> seen = new CopyOnWriteArrayList<>();
        fx.brokerHarness.register("recorder", m -> {
            seen.add(m);
            return m.payload();
        });
        V2eClient bob = fx.client();
        List<Message> toBob = new CopyOnWriteArrayList<>();
        bob.onUnmatched(toBob::add);
        bob.serve("bob", m -> "\"bob answered\"", Duration.ofSeconds(20));

        RawPeer mallory = fx.raw();
        mallory.writeLine("{\"type\":\"request\",\"id\":\"M\",\"source\":\"bob\",\"target\":\"recorder\",\"payload\":1,"
                + "\"correlation_id\":\"x1\"}");
        Message refused = mallory.readMessage();
        assertEquals(MessageType.ERROR, refused.type());
        assertEquals("x1", refused.correlationId());
        assertTrue(refused.error().startsWith("source 'bob' refused: this connection is 'conn-"), refused.error());
        mallory.writeLine("{\"type\":\"event\",\"id\":\"E\",\"source\":\"bob\",\"target\":\"recorder\"}");
        assertTrue(mallory.readMessage().error().startsWith("source 'bob' refused"));

        // the same request without a source is delivered with the connection's identity, answered to Mallory
        mallory.writeLine("{\"type\":\"request\",\"id\":\"M\",\"target\":\"recorder\",\"payload\":2,\"correlation_id\":\"x2\"}");
        Message answered = mallory.readMessage();
        assertEquals(MessageType.RESPONSE, answered.type());
        assertEquals("2", answered.payload());
        assertEquals("x2", answered.correlationId());
        assertEquals(1, seen.size(), "only the unspoofed request reached the endpoint");
        assertTrue(seen.get(0).source().startsWith("conn-"), seen.get(0).source());
        assertEquals(answered.target(), seen.get(0).source());
        assertTrue(toBob.isEmpty(), "bob received nothing: " + toBob);
        // bob itself still works under its own name
        assertEquals("\"bob answered\"", fx.client().request("bob", "M", "{}", Duration.ofSeconds(20)).payload());
    }

    @Test
    void anUnnamedIdentityCannotBeTakenAsAName() throws Exception {
        RawPeer p = fx.raw();
        p.writeLine(register("conn-1", "r1"));
        Message refused = p.readMessage();
        assertEquals("names starting with 'conn-' are the identities of unnamed connections", refused.error());
    }

    @Test
    void peerCredentialsAreListedByRpcListEndpoints() throws Exception {
        V2eClient svc = fx.client();
        svc.serve("svc", m -> "1", Duration.ofSeconds(20));
        Message list = fx.client().request("broker", "RPCListEndpoints", "{}", Duration.ofSeconds(20));
        EndpointList.Entry e = RpcJson.read(list.payload(), EndpointList.class).endpoints().stream()
                .filter(x -> x.name().equals("svc")).findFirst().orElseThrow();
        String me = System.getProperty("user.name");
        assertEquals("unix", e.peer().channel());
        assertEquals(me, e.peer().user());
        assertEquals(null, e.peer().pid()); // the JDK's SO_PEERCRED has no pid
        assertTrue(list.payload().contains("\"peer\":{\"channel\":\"unix\",\"user\":\"" + me + "\""), list.payload());
    }

    @Test
    void nameTakeoverByAnotherUserIsRefusedWhileTheSameUserMayReplace() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TransportFixture.root(), "needs root to run a peer as nobody");
        List<Message> given = new CopyOnWriteArrayList<>();
        V2eClient owner = fx.client();
        owner.serve("svc", m -> {
            given.add(m);
            return "\"owner\"";
        }, Duration.ofSeconds(20));
        String line = fx.sendAsNobody(dir, register("svc", "t1"));
        Message refused = io.v2e.broker.api.MessageCodec.DEFAULT.decode(line);
        assertEquals(MessageType.ERROR, refused.type(), line);
        assertEquals("name 'svc' is held by a connection of user 'root'; only the same user may replace it",
                refused.error());
        // the owner still receives the name's traffic
        assertEquals("\"owner\"", fx.client().request("svc", "M", "{}", Duration.ofSeconds(20)).payload());
        assertEquals(1, given.size());

        // a restart by the same user replaces it, as before
        V2eClient restarted = fx.client();
        restarted.serve("svc", m -> "\"restarted\"", Duration.ofSeconds(20));
        await("the old owner was closed").atMost(TransportFixture.PATIENCE).until(owner::isClosed);
        assertEquals("\"restarted\"", fx.client().request("svc", "M", "{}", Duration.ofSeconds(20)).payload());
    }
}
