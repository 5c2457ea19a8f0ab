package io.v2e.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.config.internal.TypedConfig;

/** The bridge between real brokers (embedded, one per "host") through one real nats-server. */
class BridgeTest {

    private NatsServerProcess server;
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** One host: a broker and its bridge. */
    record Host(String name, EmbeddedBroker broker, Bridge bridge, BridgeThreads threads) {
    }

    @BeforeEach
    void startServer() throws Exception {
        server = NatsServerProcess.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // the test may have stopped it already
            }
        }
        if (server != null) {
            server.close();
        }
    }

    static BridgeSettings settings(String host, String servers, Map<String, Object> more) {
        Map<String, Object> m = new HashMap<>();
        m.put("enabled", "true");
        m.put("servers", servers);
        m.put("host_name", host);
        m.put("heartbeat_ms", "100");
        m.put("heartbeat_misses", "3");
        m.put("request_timeout_ms", "1500");
        m.put("reconnect_wait_ms", "100");
        m.putAll(more);
        return BridgeSettings.of(TypedConfig.of(NatsConfig.class, m));
    }

    Host host(String name, Map<String, Object> more, Map<String, Endpoint> endpoints) {
        return host(name, server.url(), more, endpoints, closing);
    }

    /** A host on {@code servers}; what it starts is added to {@code closing}. */
    static Host host(String name, String servers, Map<String, Object> more, Map<String, Endpoint> endpoints,
            List<AutoCloseable> closing) {
        EmbeddedBroker broker = EmbeddedBroker.start(Map.of("workers", "1"), null, name + "-");
        closing.add(broker);
        for (Map.Entry<String, Endpoint> e : endpoints.entrySet()) {
            broker.register(e.getKey(), e.getValue());
        }
        BridgeThreads threads = new BridgeThreads("v2e-nats-" + name + "-");
        Bridge bridge = new Bridge(broker, settings(name, servers, more), (n, ep) -> {
            EmbeddedBroker.Registration r = broker.register(n, ep, Integer.MIN_VALUE);
            return r::close;
        }, threads);
        bridge.start();
        closing.add(bridge::stop);
        bridge.localNames(endpoints.keySet());
        return new Host(name, broker, bridge, threads);
    }

    Host host(String name, Map<String, Endpoint> endpoints) {
        return host(name, Map.of(), endpoints);
    }

    /** Answers a request with {"host": ..., "payload": ...}; records events. */
    static final class HostEcho implements Endpoint {
        final String host;
        final List<Message> events = new CopyOnWriteArrayList<>();

        HostEcho(String host) {
            this.host = host;
        }

        @Override
        public String handle(Message m) {
            if (m.type() == MessageType.EVENT) {
                events.add(m);
                return null;
            }
            return "{\"host\":\"" + host + "\",\"payload\":" + m.payload() + ",\"source\":\"" + m.source() + "\"}";
        }
    }

    static Message ask(Broker broker, String target, String payload) throws Exception {
        return broker.request(Message.request("client", target, "Echo", payload, null), 10_000).get(20, TimeUnit.SECONDS);
    }

    static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(condition);
    }

    static EndpointList.Entry listed(Broker broker, String name) throws Exception {
        Message m = broker.request(Message.request("t", Broker.BROKER_TARGET, BrokerMethods.LIST_ENDPOINTS, "{}", null))
                .get(20, TimeUnit.SECONDS);
        return RpcJson.read(m.payload(), EndpointList.class).endpoints().stream().filter(e -> e.name().equals(name))
                .findFirst().orElse(null);
    }

    private Connection rawClient() throws Exception {
        Connection c = Nats.connect(server.url());
        closing.add(c::close);
        return c;
    }

    /** Announces a fake host "ghost" with endpoint x until a knows it (a subscribes once connected). */
    private static void announceUntilKnown(Connection raw, Host a, long heartbeatMs) {
        await("x@ghost registered", () -> {
            raw.publish("v2e._hosts.announce", new Announcement("ghost", "i-1", List.of("x"), heartbeatMs).toJson());
            return a.broker().endpointKind("x@ghost") == EndpointKind.REMOTE;
        });
    }

    // ---------------------------------------------------------------- tests

    @Test
    void requestByNameIsAnsweredByTheEndpointOnTheOtherHost() throws Exception {
        Host a = host("a", Map.of());
        host("b", Map.of("echo", new HostEcho("b")));
        await("echo known on a", () -> a.broker().endpointKind("echo") == EndpointKind.REMOTE);
        Message answer = ask(a.broker(), "echo", "{\"n\":1}");
        assertEquals(MessageType.RESPONSE, answer.type());
        assertEquals("{\"host\":\"b\",\"payload\":{\"n\":1},\"source\":\"client@a\"}", answer.payload());
        assertEquals("echo", answer.source());
        assertEquals("client", answer.target());
    }

    @Test
    void requestByNameAtHostReachesThatHostOnly() throws Exception {
        Host a = host("a", Map.of());
        host("b", Map.of("echo", new HostEcho("b")));
        host("c", Map.of("echo", new HostEcho("c")));
        await("echo@c known on a", () -> a.broker().endpointKind("echo@c") == EndpointKind.REMOTE);
        for (int i = 0; i < 10; i++) {
            assertTrue(ask(a.broker(), "echo@c", "{}").payload().startsWith("{\"host\":\"c\""));
        }
    }

    @Test
    void remoteEndpointsAreListedAsRemoteWithTheirHosts() throws Exception {
        Host a = host("a", Map.of());
        host("b", Map.of("echo", new HostEcho("b")));
        host("c", Map.of("echo", new HostEcho("c")));
        await("both hosts known", () -> listed(a.broker(), "echo") != null && "b,c".equals(listed(a.broker(), "echo").host()));
        assertEquals(EndpointKind.REMOTE, listed(a.broker(), "echo").kind());
        assertEquals("b", listed(a.broker(), "echo@b").host());
        assertEquals(EndpointKind.REMOTE, listed(a.broker(), "echo@b").kind());
    }

    @Test
    void nameServedByTwoHostsSharesTheLoadOfNatsRequests() throws Exception {
        host("b", Map.of("echo", new HostEcho("b")));
        host("c", Map.of("echo", new HostEcho("c")));
        Connection raw = rawClient();
        Set<String> answeredBy = new HashSet<>();
        MessageCodec codec = MessageCodec.DEFAULT;
        byte[] line = codec.encode(Message.request("raw", "echo", "Echo", "{}", "c-1")).getBytes(StandardCharsets.UTF_8);
        await("b and c subscribed", () -> {
            io.nats.client.Message r = raw.request("v2e.echo", line, Duration.ofSeconds(2));
            String payload = codec.decode(new String(r.getData(), StandardCharsets.UTF_8)).payload();
            answeredBy.add(payload.substring(9, 10));
            return answeredBy.size() == 2;
        });
        assertEquals(Set.of("b", "c"), answeredBy);
    }

    @Test
    void localEndpointWinsOverTheRemoteOneOfTheSameName() throws Exception {
        Host a = host("a", Map.of("echo", new HostEcho("a")));
        host("b", Map.of("echo", new HostEcho("b")));
        await("echo@b known on a", () -> a.broker().endpointKind("echo@b") == EndpointKind.REMOTE);
        assertEquals(EndpointKind.INTERNAL, a.broker().endpointKind("echo"));
        assertTrue(ask(a.broker(), "echo", "{}").payload().startsWith("{\"host\":\"a\""));
    }

    @Test
    void eventsArePublishedToTheOtherHost() throws Exception {
        Host a = host("a", Map.of());
        HostEcho echoB = new HostEcho("b");
        host("b", Map.of("echo", echoB));
        await("echo@b known on a", () -> a.broker().endpointKind("echo@b") == EndpointKind.REMOTE);
        a.broker().send(Message.event("client", "echo@b", "Tick", "{\"t\":5}"));
        await("event arrived on b", () -> echoB.events.size() == 1);
        assertEquals("Tick", echoB.events.get(0).id());
        assertEquals("{\"t\":5}", echoB.events.get(0).payload());
        assertEquals("client@a", echoB.events.get(0).source());
    }

    @Test
    void hostThatStopsIsRemovedAtOnceAndCallersGetUnknownTarget() throws Exception {
        Host a = host("a", Map.of("heartbeat_ms", "60000"), Map.of());
        Host b = host("b", Map.of("heartbeat_ms", "60000"), Map.of("echo", new HostEcho("b")));
        await("echo known on a", () -> a.broker().endpointKind("echo") == EndpointKind.REMOTE);
        b.bridge().stop();
        // heartbeats every minute: only the bye can have removed it
        await("echo gone on a", () -> a.broker().endpointKind("echo") == EndpointKind.ABSENT
                && a.broker().endpointKind("echo@b") == EndpointKind.ABSENT);
        Message answer = ask(a.broker(), "echo", "{}");
        assertEquals(MessageType.ERROR, answer.type());
        assertEquals("unknown target 'echo'", answer.error());
    }

    @Test
    void silentHostExpiresAfterItsMissedHeartbeats() throws Exception {
        Host a = host("a", Map.of());
        Connection raw = rawClient();
        announceUntilKnown(raw, a, 100);
        await("x@ghost expired", () -> a.broker().endpointKind("x@ghost") == EndpointKind.ABSENT
                && a.broker().endpointKind("x") == EndpointKind.ABSENT);
    }

    @Test
    void requestToAHostNobodyAnswersForIsAnsweredNoResponders() throws Exception {
        Host a = host("a", Map.of());
        Connection raw = rawClient();
        announceUntilKnown(raw, a, 60_000);
        Message answer = ask(a.broker(), "x@ghost", "{}");
        assertEquals(MessageType.ERROR, answer.type());
        assertEquals("no host serves 'x@ghost' on NATS (no responders on v2e.ghost.x)", answer.error());
    }

    @Test
    void requestInFlightWhoseHostNeverAnswersGetsATimeoutErrorWithinTheRequestTimeout() throws Exception {
        Host a = host("a", Map.of());
        Connection raw = rawClient();
        raw.subscribe("v2e.ghost.x"); // takes requests, never answers (a host that died holding them)
        raw.flush(Duration.ofSeconds(5));
        announceUntilKnown(raw, a, 60_000);
        long start = System.nanoTime();
        Message answer = ask(a.broker(), "x@ghost", "{}");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(MessageType.ERROR, answer.type());
        assertEquals("no answer from 'x@ghost' (host ghost) over NATS within 1500 ms (connection connected)", answer.error());
        assertTrue(tookMs >= 1500 && tookMs < 10_000, "answered after " + tookMs + " ms");
    }

    @Test
    void natsServerGoneCallersGetAnErrorNamingTheConnection() throws Exception {
        Host a = host("a", Map.of());
        host("b", Map.of("heartbeat_ms", "60000"), Map.of("echo", new HostEcho("b")));
        await("echo@b known on a", () -> a.broker().endpointKind("echo@b") == EndpointKind.REMOTE);
        server.close();
        server = null;
        Message answer = ask(a.broker(), "echo@b", "{}");
        assertEquals(MessageType.ERROR, answer.type());
        // refused at once while disconnected, or timed out while jnats reconnects: the text says which
        assertTrue(answer.error().contains("'echo@b'"), answer.error());
        assertTrue(answer.error().matches(".*connection (reconnecting|disconnected).*"), answer.error());
    }

    @Test
    void bridgeReconnectsAndServesAgainWhenTheServerComesBack() throws Exception {
        int port = server.port;
        Host a = host("a", Map.of());
        host("b", Map.of("echo", new HostEcho("b")));
        await("echo@b known on a", () -> a.broker().endpointKind("echo@b") == EndpointKind.REMOTE);
        server.close();
        server = NatsServerProcess.startOn(port);
        await("answered again after the restart", () -> ask(a.broker(), "echo@b", "{}").type() == MessageType.RESPONSE);
    }

    @Test
    void requestFromNatsForANameThatIsOnlyRemoteHereIsRefusedNotSentBackOut() throws Exception {
        Host a = host("a", Map.of());
        host("b", Map.of("echo", new HostEcho("b")));
        await("echo known on a", () -> a.broker().endpointKind("echo") == EndpointKind.REMOTE);
        a.bridge().localNames(Set.of("echo")); // as if a local endpoint had just gone while a is subscribed
        Connection raw = rawClient();
        byte[] line = MessageCodec.DEFAULT.encode(Message.request("raw", "echo", "Echo", "{}", "c-9")).getBytes(StandardCharsets.UTF_8);
        await("a subscribed to v2e.a.echo", () -> {
            try {
                return raw.request("v2e.a.echo", line, Duration.ofSeconds(2)) != null;
            } catch (Exception e) {
                return false;
            }
        });
        long refusedBefore = a.bridge().refusedLoops.sum();
        io.nats.client.Message r = raw.request("v2e.a.echo", line, Duration.ofSeconds(5));
        Message answer = MessageCodec.DEFAULT.decode(new String(r.getData(), StandardCharsets.UTF_8));
        assertEquals(MessageType.ERROR, answer.type());
        assertEquals("c-9", answer.correlationId());
        assertEquals("endpoint 'echo' is not served on host a (only remotely; a message from NATS is never sent back out)",
                answer.error());
        assertEquals(refusedBefore + 1, a.bridge().refusedLoops.sum());
    }

    @Test
    void badLineFromNatsIsAnsweredWithAnErrorNamingTheFault() throws Exception {
        host("b", Map.of("echo", new HostEcho("b")));
        Connection raw = rawClient();
        await("b subscribed", () -> {
            try {
                return raw.request("v2e.b.echo", "{not json".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2)) != null;
            } catch (Exception e) {
                return false;
            }
        });
        io.nats.client.Message r = raw.request("v2e.b.echo", "{not json".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        Message answer = MessageCodec.DEFAULT.decode(new String(r.getData(), StandardCharsets.UTF_8));
        assertEquals(MessageType.ERROR, answer.type());
        assertTrue(answer.error().startsWith("bad v2e message from NATS for 'echo' on host b: "), answer.error());
    }

    @Test
    void statusShowsTheOtherHostsTheirRemoteEndpointsAndTheTunedBridgeThreads() throws Exception {
        Host a = host("a", Map.of("export", "local1"), Map.of("local1", new HostEcho("a")));
        a.threads().bind(new io.v2e.tuning.noop.internal.NoopTuningProvider(), a.bridge().settings());
        host("b", Map.of("echo", new HostEcho("b")));
        await("echo@b known on a", () -> a.broker().endpointKind("echo@b") == EndpointKind.REMOTE);
        ask(a.broker(), "echo@b", "{}");
        BridgeStatus st = a.bridge().status();
        assertEquals("connected", st.connection());
        assertEquals(List.of("local1"), st.exported());
        assertEquals(List.of("b"), st.hosts().stream().map(BridgeStatus.Host::host).toList());
        assertEquals(List.of("echo"), st.hosts().get(0).endpoints());
        assertEquals(Map.of("echo", "b", "echo@b", "b"), st.remote());
        assertEquals(1, st.counters().forwarded());
        assertEquals(1, st.counters().forwardedAnswered());
        // the dispatcher and heartbeat threads retuned with the noop provider bound after the start
        await("a bridge thread on the noop plan", () -> a.bridge().status().threads().stream()
                .anyMatch(t -> t.provider().equals("noop") && t.current()));
        String text = a.bridge().status().toText();
        assertTrue(text.contains("echo@b                           b"), text);
        assertTrue(text.contains("exported [local1]"), text);
    }
}
