package io.v2e.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.client.V2eClient;

/**
 * Two containers (two copies of the distribution, bin/v2e, hosts a and b) bridged through a real
 * 3-node nats-server cluster on loopback. Clients talk to each container over its own socket, as
 * an operator's programs would. The last two tests are destructive (a NATS node, then b, is
 * killed), hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatsClusterIT {

    private static final long REQUEST_TIMEOUT_MS = 3000;
    private NatsCluster cluster;
    private V2e a;
    private V2e b;
    private Process containerA;
    private Process containerB;
    private V2eClient echoOnB;
    private V2eClient sharedOnA;
    private V2eClient sharedOnB;
    private V2eClient clientOfA;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    void startClusterAndContainers() throws Exception {
        a = V2e.copyOfDistribution("nats-a");
        b = V2e.copyOfDistribution("nats-b");
        cluster = NatsCluster.start(3, a.home());
        containerA = start(a, "a");
        containerB = start(b, "b");
        echoOnB = serve(b, "echo", "b");
        sharedOnA = serve(a, "shared", "a");
        sharedOnB = serve(b, "shared", "b");
        clientOfA = V2eClient.connect(a.home().resolve("run/v2e.sock"));
        closing.add(clientOfA);
        V2e.timed("a knows echo and echo@b as remote", V2e.PATIENCE,
                () -> kind("echo") == EndpointKind.REMOTE && kind("echo@b") == EndpointKind.REMOTE);
        // the tests below measure steady state: both bridges' threads tuned (no retuning reconnect pending)
        awaitEveryBridgeThreadTuned("nats");
        awaitEveryBridgeThreadTuned("nats@b");
    }

    private Process start(V2e copy, String host) throws Exception {
        Files.writeString(copy.home().resolve("etc/io.v2e.nats.cfg"), "enabled = true\nservers = " + cluster.urls()
                + "\nhost_name = " + host + "\nheartbeat_ms = 250\nheartbeat_misses = 4\nrequest_timeout_ms = "
                + REQUEST_TIMEOUT_MS + "\n");
        Process p = copy.startContainer(Map.of(), copy.home().resolve("stdout.txt"), copy.home().resolve("stderr.txt"));
        V2e.timed("container " + host + " socket", V2e.PATIENCE, () -> Files.exists(copy.home().resolve("run/v2e.sock")));
        return p;
    }

    /** An external endpoint (a socket-connected client) answering {"host": host}. */
    private V2eClient serve(V2e copy, String name, String host) throws Exception {
        V2eClient c = V2eClient.connect(copy.home().resolve("run/v2e.sock"));
        closing.add(c);
        c.serve(name, m -> "{\"host\":\"" + host + "\"}", Duration.ofSeconds(20));
        return c;
    }

    @AfterAll
    void stopAll() throws Exception {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                // already closed by a test
            }
        }
        for (Process p : new Process[] {containerA, containerB}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Tuning is asynchronous: a provider bound after the bridge started reaches jnats' reader and
     * writer through one forced reconnect, during which a request may be answered with an error.
     * Waits until every bridge thread of {@code target}'s host runs the current plan through jnr.
     */
    private void awaitEveryBridgeThreadTuned(String target) {
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            V2e.timed("every bridge thread of " + target + " tuned through jnr", V2e.PATIENCE, () -> {
                Message now = clientOfA.request(target, "RPCGetNatsStatus", "{}", Duration.ofSeconds(20));
                last.set(now.payload());
                if (now.type() != MessageType.RESPONSE) {
                    return false;
                }
                com.fasterxml.jackson.databind.JsonNode threads = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(now.payload()).path("threads");
                boolean all = threads.size() > 0;
                for (com.fasterxml.jackson.databind.JsonNode t : threads) {
                    all &= t.path("provider").asText().equals("jnr") && t.path("affinity").asText().endsWith("APPLIED")
                            && t.path("current").asBoolean();
                }
                return all;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not every bridge thread of " + target + " tuned through jnr: " + last.get(), e);
        }
    }

    private EndpointList endpointsOfA() throws Exception {
        Message m = clientOfA.request(V2eClient.BROKER, BrokerMethods.LIST_ENDPOINTS, "{}", Duration.ofSeconds(20));
        return RpcJson.read(m.payload(), EndpointList.class);
    }

    private EndpointList.Entry entryOfA(String name) throws Exception {
        return endpointsOfA().endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private EndpointKind kind(String name) throws Exception {
        EndpointList.Entry e = entryOfA(name);
        return e == null ? EndpointKind.ABSENT : e.kind();
    }

    // ---------------------------------------------------------------- tests

    private void assertAnsweredByB(String target) throws Exception {
        Message answer = clientOfA.request(target, "Echo", "{}", Duration.ofSeconds(20));
        assertEquals(MessageType.RESPONSE, answer.type(), String.valueOf(answer.error()));
        assertEquals("{\"host\":\"b\"}", answer.payload());
    }

    @Test
    @Order(1)
    void clientOfACallsTheEndpointOfBByName() throws Exception {
        assertAnsweredByB("echo");
    }

    @Test
    @Order(2)
    void clientOfACallsTheEndpointOfBByNameAtB() throws Exception {
        assertAnsweredByB("echo@b");
    }

    @Test
    @Order(3)
    void endpointsOfAListBsEndpointsAsRemoteWithHostB() throws Exception {
        EndpointList.Entry echo = entryOfA("echo@b");
        assertNotNull(echo);
        assertEquals(EndpointKind.REMOTE, echo.kind());
        assertEquals("b", echo.host());
        // shared is local on a: the local one holds the name, b's is reachable as shared@b
        assertEquals(EndpointKind.EXTERNAL, kind("shared"));
        V2e.timed("shared@b known on a", V2e.PATIENCE, () -> kind("shared@b") == EndpointKind.REMOTE);
    }

    @Test
    @Order(4)
    void endpointServedOnBothHostsSharesTheLoadOfNatsCallers() throws Exception {
        try (Connection raw = Nats.connect(cluster.nodes().get(0).url())) {
            byte[] line = MessageCodec.DEFAULT.encode(Message.request("raw", "shared", "Echo", "{}", "c-1"))
                    .getBytes(StandardCharsets.UTF_8);
            Set<String> hosts = new HashSet<>();
            int answered = 0;
            for (int i = 0; i < 60; i++) {
                io.nats.client.Message r = raw.request("v2e.shared", line, Duration.ofSeconds(5));
                if (r != null) {
                    answered++;
                    hosts.add(MessageCodec.DEFAULT.decode(new String(r.getData(), StandardCharsets.UTF_8)).payload());
                }
            }
            assertEquals(60, answered);
            assertEquals(Set.of("{\"host\":\"a\"}", "{\"host\":\"b\"}"), hosts);
        }
    }

    @Test
    @Order(5)
    void bridgeStatusRpcShowsTheConnectionAndTunedThreadsLocallyAndOfBThroughTheBridge() throws Exception {
        for (String target : List.of("nats", "nats@b")) {
            Message m = clientOfA.request(target, "RPCGetNatsStatus", "{}", Duration.ofSeconds(20));
            assertEquals(MessageType.RESPONSE, m.type(), String.valueOf(m.error()));
            com.fasterxml.jackson.databind.JsonNode st = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.payload());
            assertEquals(target.equals("nats") ? "a" : "b", st.path("host").asText(), m.payload());
            assertEquals("connected", st.path("connection").asText(), m.payload());
            awaitEveryBridgeThreadTuned(target);
        }
    }

    @Test
    @Order(6)
    void sigkillOfANatsNodeDuringTrafficLeavesNoCallerWithoutAnAnswer() throws Exception {
        NatsCluster.Node victim = cluster.nodeOf("v2e-b");
        assertNotNull(victim, "b's bridge is connected to a node");
        AtomicLong answers = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong silent = new AtomicLong();
        AtomicBoolean run = new AtomicBoolean(true);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (run.get()) {
                    CompletableFuture<Message> f = clientOfA.request("echo@b", "Echo", "{}");
                    try {
                        Message m = f.get(REQUEST_TIMEOUT_MS + 10_000, TimeUnit.MILLISECONDS);
                        (m.type() == MessageType.RESPONSE ? answers : errors).incrementAndGet();
                    } catch (TimeoutException e) {
                        silent.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "caller-" + i);
            t.start();
            callers.add(t);
        }
        V2e.timed("traffic flowing", V2e.PATIENCE, () -> answers.get() > 50);
        long before = answers.get();
        cluster.kill(victim);
        V2e.timed("b reconnected to another node", V2e.PATIENCE, () -> {
            NatsCluster.Node now = cluster.nodeOf("v2e-b");
            return now != null && now != victim;
        });
        long afterReconnect = answers.get();
        V2e.timed("answers flowing again", V2e.PATIENCE, () -> answers.get() > afterReconnect + 50);
        run.set(false);
        for (Thread t : callers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        System.out.printf("NATS node SIGKILL during traffic: answers %d (before the kill %d), errors %d, silence %d%n",
                answers.get(), before, errors.get(), silent.get());
        assertEquals(0, silent.get(), "callers left without any answer");
    }

    @Test
    @Order(7)
    void whenContainerBDiesCallersOfAGetErrorsAndAForgetsBsEndpoints() throws Exception {
        containerB.destroyForcibly(); // SIGKILL: no bye, only missed heartbeats tell a
        containerB.waitFor(30, TimeUnit.SECONDS);
        Message answer = clientOfA.request("echo@b", "Echo", "{}", Duration.ofSeconds(20));
        assertEquals(MessageType.ERROR, answer.type());
        V2e.timed("a dropped echo and echo@b", V2e.PATIENCE,
                () -> kind("echo") == EndpointKind.ABSENT && kind("echo@b") == EndpointKind.ABSENT
                        && kind("shared@b") == EndpointKind.ABSENT);
        Message after = clientOfA.request("echo", "Echo", "{}", Duration.ofSeconds(20));
        assertEquals(MessageType.ERROR, after.type());
        assertEquals("unknown target 'echo'", after.error());
    }
}
