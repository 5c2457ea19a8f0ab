package io.v2e.broker.internal;

import static io.v2e.broker.internal.OrderingTest.PER_PRODUCER;
import static io.v2e.broker.internal.OrderingTest.PRODUCERS;
import static io.v2e.broker.internal.RouterTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;

/**
 * Changes while messages flow: provider swaps and configuration changes lose and reorder nothing;
 * every worker undoes the old provider's settings and applies the new one's on its own thread.
 */
class LiveChangeTest {

    private static final int TOTAL = PRODUCERS * PER_PRODUCER;
    private static final IoPriority RT0 = new IoPriority(IoPriority.IoClass.REALTIME, 0);

    private final RecordingProvider first = new RecordingProvider("first", CpuSet.of(0, 1));
    private final RecordingProvider second = new RecordingProvider("second", CpuSet.of(0, 1));
    private final OrderingTest.SequenceChecker a = new OrderingTest.SequenceChecker();
    private final OrderingTest.SequenceChecker b = new OrderingTest.SequenceChecker();
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    private void start(RecordingProvider provider) throws InterruptedException {
        router = new Router(new BrokerSettings(2, CpuSet.empty(), -10, RT0, 64, OfferPolicy.block, 100, 30_000, 1024,
                IdleStrategy.Kind.backoff, 1000, ThreadScheduling.OTHER), provider, "s-");
        router.addEndpoint("a", a, 0, 1);
        router.addEndpoint("b", b, 0, 2);
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
    }

    private void assertAllInOrder() throws InterruptedException {
        await("all delivered", () -> a.count.get() == TOTAL && b.count.get() == TOTAL);
        assertEquals(List.of(), a.faults);
        assertEquals(List.of(), b.faults);
    }

    @Test
    void providerSwapWhileMessagesFlowLosesAndReordersNothing() throws Exception {
        start(first);
        List<Thread> producers = OrderingTest.producers(router, List.of("a", "b"));
        await("flow under way", () -> a.count.get() > TOTAL / 10);
        router.providerBound(second);      // DS greedy: bind the better one first ...
        router.providerUnbound(first);     // ... then unbind the old one; returns once no worker holds its settings
        int atSwap = a.count.get();
        for (Thread t : producers) {
            t.join();
        }
        assertAllInOrder();
        assertTrue(atSwap < TOTAL, "the swap happened while messages were still flowing (" + atSwap + " of " + TOTAL + ")");
        for (Worker w : router.workers()) {
            String name = w.getName();
            int cpu = w.index; // worker i is pinned to the i-th CPU of 0-1
            assertEquals(List.of("pin " + cpu, "nice -10", "io realtime/0", "restore"), first.callsOf(name), name);
            assertEquals(List.of("pin " + cpu, "nice -10", "io realtime/0"), second.callsOf(name), name);
            assertNull(first.pinned.get(name), "first provider's settings undone on " + name);
            assertEquals(CpuSet.of(cpu), second.pinned.get(name));
            assertEquals("second", w.report().provider());
            assertEquals("APPLIED", w.report().restore().toString());
        }
    }

    @Test
    void unbindingTheOnlyProviderRestoresEveryWorker() throws Exception {
        start(first);
        router.providerUnbound(first);
        for (Worker w : router.workers()) {
            assertEquals("restore", first.callsOf(w.getName()).get(3));
            assertEquals("none", w.report().provider());
            assertTrue(first.pinned.isEmpty());
        }
    }

    @Test
    void configurationChangesWhileMessagesFlowLoseAndReorderNothing() throws Exception {
        start(first);
        List<Thread> producers = OrderingTest.producers(router, List.of("a", "b"));
        BrokerSettings s = router.settings();
        await("flow under way", () -> a.count.get() > TOTAL / 10);
        router.configure(s.withWorkers(1));                              // fewer workers: routes move
        router.configure(s.withWorkers(3).withQueue(16, OfferPolicy.block)); // more workers, smaller queues
        int atChange = a.count.get();
        for (Thread t : producers) {
            t.join();
        }
        assertAllInOrder();
        assertTrue(atChange < TOTAL, "changed while flowing (" + atChange + " of " + TOTAL + ")");
        assertEquals(3, router.workers().length);
        assertEquals(16, router.settings().queueCapacity());
    }

    @Test
    void niceChangeIsAppliedByEachWorkerOnItsOwnThread() throws Exception {
        start(first);
        BrokerSettings s = router.settings();
        router.configure(new BrokerSettings(s.workers(), s.cpus(), 5, new IoPriority(IoPriority.IoClass.BEST_EFFORT, 4),
                s.queueCapacity(), s.offerPolicy(), s.offerTimeoutMs(), s.requestTimeoutMs(), s.maxMessageBytes(),
                s.idleStrategy(), s.drainTimeoutMs(), s.scheduling()));
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        for (Worker w : router.workers()) {
            assertEquals(5, first.nice.get(w.getName()));
            assertEquals(new IoPriority(IoPriority.IoClass.BEST_EFFORT, 4), first.io.get(w.getName()));
            assertEquals(List.of("pin " + w.index, "nice -10", "io realtime/0", "pin " + w.index, "nice 5", "io best_effort/4"),
                    first.callsOf(w.getName()));
        }
    }
}
