package io.v2e.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.RemoteEndpoint;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.tuning.api.CpuSet;

/** Endpoints on other hosts (RemoteEndpoint): kind, host, precedence of local endpoints, later answers. */
class RemoteEndpointTest {

    private final Router router = new Router(BrokerSettings.DEFAULTS.withWorkers(1),
            new RecordingProvider("fake", CpuSet.of(0)), "t-");

    @AfterEach
    void stop() {
        router.stop();
    }

    /** Keeps what it is given; the test answers for it, as a bridge answers when its host did. */
    static final class FakeRemote implements RemoteEndpoint {
        final List<Message> received = new CopyOnWriteArrayList<>();
        volatile String host;

        FakeRemote(String host) {
            this.host = host;
        }

        @Override
        public String handle(Message message) {
            received.add(message);
            return null;
        }

        @Override
        public String host() {
            return host;
        }
    }

    private EndpointList.Entry listed(String name) throws Exception {
        Message m = router.request(Message.request("me", Broker.BROKER_TARGET, BrokerMethods.LIST_ENDPOINTS, "{}", "c-l"))
                .get(20, TimeUnit.SECONDS);
        return RpcJson.read(m.payload(), EndpointList.class).endpoints().stream()
                .filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void remoteEndpointIsListedAsRemoteWithItsHost() throws Exception {
        FakeRemote remote = new FakeRemote("b");
        router.addEndpoint("svc@b", remote, 0, 1);
        EndpointList.Entry e = listed("svc@b");
        assertEquals(EndpointKind.REMOTE, e.kind());
        assertEquals("b", e.host());
        assertEquals(EndpointKind.REMOTE, router.endpointKind("svc@b"));
    }

    @Test
    void listedHostFollowsTheEndpointsCurrentHosts() throws Exception {
        FakeRemote remote = new FakeRemote("b");
        router.addEndpoint("svc", remote, 0, 1);
        remote.host = "b,c";
        assertEquals("b,c", listed("svc").host());
    }

    @Test
    void localEndpointWinsOverRemoteWhateverTheRanking() throws Exception {
        FakeRemote remote = new FakeRemote("b");
        router.addEndpoint("svc", remote, Integer.MAX_VALUE - 1, 1);
        router.addEndpoint("svc", new TestEndpoints.Recording(), Integer.MIN_VALUE, 2);
        Message answer = router.request(Message.request("me", "svc", "Echo", "{\"x\":1}", "c-1")).get(20, TimeUnit.SECONDS);
        assertEquals(MessageType.RESPONSE, answer.type());
        assertEquals("{\"x\":1}", answer.payload());
        assertTrue(remote.received.isEmpty());
        assertEquals(EndpointKind.INTERNAL, listed("svc").kind());
        assertEquals(null, listed("svc").host());
    }

    @Test
    void remoteEndpointAnswersLaterThroughTheBroker() throws Exception {
        FakeRemote remote = new FakeRemote("b");
        router.addEndpoint("svc", remote, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "svc", "Echo", "{}", "c-7"));
        RouterTest.await("delivered to the remote endpoint", () -> remote.received.size() == 1);
        router.send(remote.received.get(0).response("{\"from\":\"b\"}"));
        Message m = answer.get(20, TimeUnit.SECONDS);
        assertEquals(new Message(MessageType.RESPONSE, "Echo", "{\"from\":\"b\"}", null, "svc", "me", "c-7"), m);
    }

    @Test
    void requestHeldByARemoteEndpointThatGoesAwayIsAnsweredWithError() throws Exception {
        FakeRemote remote = new FakeRemote("b");
        router.addEndpoint("svc", remote, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "svc", "Echo", "{}", "c-8"));
        RouterTest.await("delivered to the remote endpoint", () -> remote.received.size() == 1);
        router.removeEndpoint("svc", remote, 1);
        Message m = answer.get(20, TimeUnit.SECONDS);
        assertEquals(MessageType.ERROR, m.type());
        assertEquals("endpoint 'svc' went away", m.error());
    }
}
