package io.v2e.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Message;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.noop.internal.NoopTuningProvider;
import io.v2e.tuning.testkit.KernelReader;

/**
 * worker_scheduling through the real jnr provider, read back from /proc/self/task/TID/stat
 * (fields 40 rt_priority and 41 policy) by the testkit: applied, changed live, restored on a swap
 * to noop; without the privilege, DENIED(EPERM) and the workers stay on SCHED_OTHER.
 */
class RealTimeWorkerTest {

    private static final ThreadScheduling FIFO_10 = new ThreadScheduling(SchedulingPolicy.FIFO, 10);

    private final JnrTuningProvider jnr = new JnrTuningProvider();
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    private static BrokerSettings settings(ThreadScheduling scheduling) {
        return new BrokerSettings(1, CpuSet.empty(), 0, new IoPriority(IoPriority.IoClass.BEST_EFFORT, 4), 64,
                OfferPolicy.block, 100, 30_000, 1024, IdleStrategy.Kind.park, 1000, scheduling);
    }

    @Test
    void fifoWorkersShowInProcAndGoBackToOtherOnAChangeAndOnASwap() throws Exception {
        boolean permitted = jnr.capabilities().permitted(Operation.THREAD_SCHEDULING);
        router = new Router(settings(FIFO_10), jnr, "rt-");
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        Worker w = router.workers()[0];
        if (permitted) {
            assertEquals("APPLIED", w.report().scheduling().toString());
            assertEquals(1, KernelReader.threadSchedPolicy(w.tid()), "stat policy (1 = SCHED_FIFO)");
            assertEquals(10, KernelReader.threadRtPriority(w.tid()), "stat rt_priority");
            assertEquals("fifo/10", w.report().readScheduling().toString());
        } else {
            assertEquals("DENIED", w.report().scheduling().status().name());
            assertEquals("EPERM", w.report().scheduling().errno());
            assertEquals(0, KernelReader.threadSchedPolicy(w.tid()));
        }
        JsonNode workers = new ObjectMapper().readTree(RouterTest.get(router.request(
                Message.request("t", "broker", io.v2e.broker.api.rpc.BrokerMethods.GET_WORKERS, "{}", "c-1"))).payload()).path("workers").get(0);
        assertEquals(permitted ? "fifo" : "other", workers.path("proc").path("policy").asText(), workers::toString);
        assertEquals(permitted ? 10 : 0, workers.path("proc").path("rt_priority").asInt(), workers::toString);
        assertEquals(w.report().scheduling().toString(), workers.path("outcomes").path("scheduling").asText());

        // worker_scheduling=other, applied live by the same worker between messages
        router.configure(settings(ThreadScheduling.OTHER));
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        assertEquals(w, router.workers()[0], "no new worker for a scheduling change");
        assertEquals(0, KernelReader.threadSchedPolicy(w.tid()), "stat policy after worker_scheduling=other");
        assertEquals(0, KernelReader.threadRtPriority(w.tid()));
        assertEquals("APPLIED", w.report().scheduling().toString());

        // back to fifo, then the provider goes away: its restore puts the worker on SCHED_OTHER
        router.configure(settings(FIFO_10));
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        assertEquals(permitted ? 1 : 0, KernelReader.threadSchedPolicy(w.tid()));
        router.providerBound(new NoopTuningProvider());
        router.providerUnbound(jnr);
        assertEquals(0, KernelReader.threadSchedPolicy(w.tid()), "stat policy after the swap to noop");
        assertEquals(0, KernelReader.threadRtPriority(w.tid()));
        assertEquals("noop", w.report().provider());
        assertEquals("APPLIED", w.report().restore().toString());
        assertEquals("UNSUPPORTED", w.report().scheduling().status().name());
    }
}
