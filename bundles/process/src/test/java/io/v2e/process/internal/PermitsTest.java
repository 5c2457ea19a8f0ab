package io.v2e.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.process.api.KernelMetrics;
import io.v2e.process.api.PermitGrant;
import io.v2e.process.api.PermitRelease;
import io.v2e.process.api.PermitRequest;
import io.v2e.process.api.QuotaUpdate;

/** v2e's permits: grant, exhaust, release, revocation on an induced p99 breach, release when the holder dies. */
class PermitsTest {

    private final EmbeddedBroker broker = EmbeddedBroker.start(Map.of("workers", 2), null, "perm-");
    private final PermitsComponent permits = new PermitsComponent(broker);
    private final List<Message> holderEvents = new CopyOnWriteArrayList<>();
    private EmbeddedBroker.Registration holder;

    private void start(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put("interval_ms", "3600000"); // ticks come from the test
        permits.activate(c);
        Endpoint recording = m -> {
            holderEvents.add(m);
            return null;
        };
        holder = broker.register("holder", recording);
    }

    @AfterEach
    void stop() {
        permits.deactivate();
        broker.close();
    }

    private String call(String method, Object payload) {
        return permits.handle(Message.request("holder", "broker", method, RpcJson.write(payload), "c"));
    }

    @Test
    void permitsAreGrantedUpToThePoolThenRefusedAndReleasedBack() {
        start(Map.of("total_permits", "10"));
        assertEquals(new PermitGrant(6, 4, "p1"), RpcJson.read(call("RPCRequestPermits", new PermitRequest("p1", 6)),
                PermitGrant.class));
        assertEquals(new PermitGrant(4, 0, "p2"), RpcJson.read(call("RPCRequestPermits", new PermitRequest("p2", 6)),
                PermitGrant.class));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> call("RPCRequestPermits", new PermitRequest("p3", 1)));
        assertEquals("no permits available (total 10, allocated 10, revoked 0)", empty.getMessage());
        assertEquals(new PermitRelease(true, 3, "p1"), RpcJson.read(call("RPCReleasePermits", new PermitRequest("p1", 3)),
                PermitRelease.class));
        assertEquals("provider not found: no permits allocated to 'nobody'", assertThrows(IllegalArgumentException.class,
                () -> call("RPCReleasePermits", new PermitRequest("nobody", 1))).getMessage());
        assertEquals("invalid request: missing provider_id or permit_count <= 0", assertThrows(
                IllegalArgumentException.class, () -> call("RPCRequestPermits", new PermitRequest("p1", 0))).getMessage());
    }

    @Test
    void kernelMetricsReportTheWorkersAndThePool() {
        start(Map.of("total_permits", "20"));
        call("RPCRequestPermits", new PermitRequest("p1", 5));
        permits.tick();
        KernelMetrics m = RpcJson.read(call("RPCGetKernelMetrics", Map.of()), KernelMetrics.class);
        assertEquals(2, m.activeWorkers());
        assertEquals(20, m.totalPermits());
        assertEquals(5, m.allocatedPermits());
        assertEquals(15, m.availablePermits());
    }

    @Test
    void anInducedP99BreachRevokesPermitsAndTellsTheHolder() throws Exception {
        start(Map.of("total_permits", "16", "p99_limit_ms", "5", "consecutive_breaches", "2", "revoke_percent", "50"));
        call("RPCRequestPermits", new PermitRequest("p1", 8));
        broker.register("slow", m -> {
            Thread.sleep(20);
            return null;
        });
        for (int i = 0; i < 40; i++) {
            broker.send(Message.event("load", "slow", "work", "{}"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.recentLatency().queueLatency().p99() > 5_000_000L);
        permits.tick();
        assertEquals(List.of(), holderEvents, "one breach is not enough (consecutive_breaches 2)");
        permits.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> !holderEvents.isEmpty());
        Message event = holderEvents.get(0);
        assertEquals(MessageType.EVENT, event.type());
        assertEquals("RPCOnQuotaUpdate", event.id());
        QuotaUpdate q = RpcJson.read(event.payload(), QuotaUpdate.class);
        assertEquals(4, q.revokedPermits());
        assertEquals(4, q.permitsHeld());
        assertTrue(q.reason().startsWith("p99 latency ") && q.reason().endsWith(" exceeded 5 ms 2 times in a row"),
                q.reason());
        assertEquals(4, permits.pool().heldBy("p1"));
        assertEquals(8, permits.pool().available(), "16 - 4 held - 4 revoked (held back)");
    }

    @Test
    void thePermitsOfAHolderWhoseEndpointWentAwayAreReleased() {
        start(Map.of("total_permits", "10"));
        call("RPCRequestPermits", new PermitRequest("p1", 7));
        permits.tick();
        assertEquals(7, permits.pool().heldBy("p1"), "the holder's endpoint is there");
        holder.close(); // the process died: its endpoint is withdrawn
        permits.tick();
        assertEquals(0, permits.pool().heldBy("p1"));
        assertEquals(10, permits.pool().available());
    }
}
