package io.v2e.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.noop.internal.NoopTuningProvider;
import io.v2e.tuning.testkit.KernelReader;

/** Bridge threads tune themselves through the bound provider; the kernel's view is read back from /proc. */
class BridgeThreadsTest {

    private static BridgeSettings settings(String cpus, int nice) {
        return BridgeTest.settings("t", "nats://127.0.0.1:4222", Map.of("thread_cpus", cpus, "thread_nice", String.valueOf(nice)));
    }

    /** Runs a task on a bridge executor thread that waits until released; returns its tid. */
    private static int parkedTid(ExecutorService ex, CountDownLatch release, Runnable whileParked) throws Exception {
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        ex.execute(() -> {
            tid.complete(KernelReader.currentTid());
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            whileParked.run();
        });
        return tid.get(10, TimeUnit.SECONDS);
    }

    @Test
    void executorThreadIsPinnedAndNicedAsThePlanSays() throws Exception {
        int cpu = KernelReader.processAllowedCpus().first();
        BridgeThreads threads = new BridgeThreads("v2e-nats-t-");
        threads.bind(new JnrTuningProvider(), settings(String.valueOf(cpu), 5));
        ExecutorService ex = threads.executor();
        CountDownLatch release = new CountDownLatch(1);
        try {
            int tid = parkedTid(ex, release, () -> { });
            assertEquals(CpuSet.of(cpu), KernelReader.threadAllowedCpus(tid));
            assertEquals(5, KernelReader.threadNice(tid));
            BridgeThreads.ThreadReport r = threads.reports().stream().filter(t -> t.tid() == tid).findFirst().orElseThrow();
            assertEquals("jnr", r.provider());
            assertEquals(cpu + " APPLIED", r.affinity());
            assertEquals("5 APPLIED", r.nice());
            assertTrue(r.current());
        } finally {
            release.countDown();
            ex.shutdownNow();
        }
    }

    @Test
    void threadMovesToTheNewProviderAtItsNextRetune() throws Exception {
        BridgeThreads threads = new BridgeThreads("v2e-nats-t-");
        threads.bind(new JnrTuningProvider(), settings("", 6));
        ExecutorService ex = threads.executor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch retuned = new CountDownLatch(1);
        try {
            int tid = parkedTid(ex, release, () -> {
                threads.retune(); // as the dispatcher does before each message
                retuned.countDown();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(6, KernelReader.threadNice(tid));
            threads.bind(new NoopTuningProvider(), settings("", 6));
            assertTrue(threads.reports().stream().anyMatch(t -> t.tid() == tid && !t.current()), "reported as stale");
            release.countDown();
            assertTrue(retuned.await(10, TimeUnit.SECONDS));
            // jnr's restore put the captured nice back (raising it again from 6 needs CAP_SYS_NICE: root in CI)
            int before = KernelReader.threadNice(KernelReader.currentTid());
            assertEquals(before, KernelReader.threadNice(tid));
            BridgeThreads.ThreadReport r = threads.reports().stream().filter(t -> t.name().startsWith("v2e-nats-t-"))
                    .findFirst().orElseThrow();
            assertEquals("noop", r.provider());
            assertTrue(r.nice().startsWith("6 UNSUPPORTED"), r.nice());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void withoutCapSysNiceANegativeNiceIsReportedDeniedAndTheThreadRunsOn() {
        Map<String, String> child = io.v2e.tuning.testkit.ChildJvm.run(
                java.util.List.of("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice", "--"), java.util.List.of(),
                DeniedNiceProbe.class);
        assertEquals("true", child.get("ran"), child.toString());
        assertEquals("-5 DENIED(EACCES: setpriority(-5))", child.get("nice"), child.toString());
        assertTrue(child.get("stderr").contains("NATS bridge threads: nice -5 DENIED(EACCES"), "logged once: " + child.get("stderr"));
        assertEquals("0", child.get("kernelNice"), child.toString());
    }
}
