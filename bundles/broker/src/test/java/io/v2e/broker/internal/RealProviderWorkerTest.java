package io.v2e.broker.internal;

import static io.v2e.broker.internal.OrderingTest.PER_PRODUCER;
import static io.v2e.broker.internal.OrderingTest.PRODUCERS;
import static io.v2e.broker.internal.RouterTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.noop.internal.NoopTuningProvider;
import io.v2e.tuning.testkit.KernelReader;

/**
 * Workers tuned by the real jnr provider, checked from outside it: /proc/self/task/TID/status
 * (Cpus_allowed_list), .../stat (nice) and {@code ionice -p TID}, read by the testkit. Then a swap
 * to noop while messages flow: every worker is back to the state it started with, and no message
 * is lost or reordered.
 */
class RealProviderWorkerTest {

    private final JnrTuningProvider jnr = new JnrTuningProvider();
    private final NoopTuningProvider noop = new NoopTuningProvider();
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    @Test
    void workersFollowTheKernelThroughASwapToNoopAndBack() throws Exception {
        int me = KernelReader.currentTid();
        int startNice = KernelReader.threadNice(me);
        IoPriority startIo = KernelReader.ioPriority(me);
        CpuSet allowed = KernelReader.processAllowedCpus();
        // Raising priority needs CAP_SYS_NICE / CAP_SYS_ADMIN: without them, ask for what any process may do.
        boolean privileged = jnr.capabilities().permitted(Operation.THREAD_NICE)
                && jnr.capabilities().permitted(Operation.IO_PRIORITY);
        int nice = privileged ? -10 : 7;
        IoPriority io = privileged ? new IoPriority(IoPriority.IoClass.REALTIME, 0)
                : new IoPriority(IoPriority.IoClass.BEST_EFFORT, 5);
        router = new Router(new BrokerSettings(0, CpuSet.empty(), nice, io, 256, OfferPolicy.block, 100, 30_000, 1024,
                IdleStrategy.Kind.backoff, 1000, ThreadScheduling.OTHER), jnr, "k-");
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        Worker[] workers = router.workers();
        assertEquals(allowed.size(), workers.length, "one worker per allowed CPU");
        for (Worker w : workers) {
            int cpu = allowed.get(w.index);
            assertEquals(CpuSet.of(cpu), KernelReader.threadAllowedCpus(w.tid()), w.getName());
            assertEquals(nice, KernelReader.threadNice(w.tid()), w.getName());
            assertEquals(io, KernelReader.ioPriority(w.tid()), w.getName());
            assertEquals("APPLIED", w.report().affinity().toString());
            assertEquals("APPLIED", w.report().nice().toString());
            assertEquals("APPLIED", w.report().ioPriority().toString());
        }

        OrderingTest.SequenceChecker a = new OrderingTest.SequenceChecker();
        OrderingTest.SequenceChecker b = new OrderingTest.SequenceChecker();
        router.addEndpoint("a", a, 0, 1);
        router.addEndpoint("b", b, 0, 2);
        List<Thread> producers = OrderingTest.producers(router, List.of("a", "b"));
        int total = PRODUCERS * PER_PRODUCER;
        await("flow under way", () -> a.count.get() > total / 10);
        router.providerBound(noop);
        router.providerUnbound(jnr); // returns once every worker ran jnr's restore on itself
        for (Worker w : workers) {
            assertEquals(allowed, KernelReader.threadAllowedCpus(w.tid()), w.getName() + " affinity after noop");
            assertEquals(startNice, KernelReader.threadNice(w.tid()), w.getName() + " nice after noop");
            assertEquals(startIo, KernelReader.ioPriority(w.tid()), w.getName() + " I/O priority after noop");
            assertEquals("noop", w.report().provider());
            assertEquals("APPLIED", w.report().restore().toString());
        }
        router.providerBound(jnr); // a better provider appears again
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        for (Thread t : producers) {
            t.join();
        }
        await("all delivered", () -> a.count.get() == total && b.count.get() == total);
        assertEquals(List.of(), a.faults);
        assertEquals(List.of(), b.faults);
        for (Worker w : workers) {
            assertEquals(CpuSet.of(allowed.get(w.index)), KernelReader.threadAllowedCpus(w.tid()), w.getName());
            assertEquals(nice, KernelReader.threadNice(w.tid()), w.getName());
        }
    }
}
