package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.TuningProvider;

/**
 * Busy threads at nice 0 that compete with the broker for the CPUs: one per CPU of the process's
 * allowed set, each spinning until closed. Each sets itself to nice 0 and to the whole allowed set
 * (a new thread inherits its creator's nice and affinity, so it must not depend on who created it),
 * or, with {@code confineTo} non-null, to those CPUs (the "isolated worker CPU" treatment).
 */
final class Competitors implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** Written so the JIT cannot remove the spin loop. */
    volatile long sink;

    Competitors(int count, TuningProvider pinner, CpuSet confineTo) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                pinner.pinThread(confineTo != null ? confineTo : pinner.allowedCpus());
                pinner.setThreadNice(0);
                started.countDown();
                long x = 0;
                while (running) {
                    for (int k = 0; k < 10_000; k++) {
                        x += k ^ (x >>> 3);
                    }
                    sink = x;
                }
            }, "competitor-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        started.await();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
