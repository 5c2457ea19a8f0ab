package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.v2e.bench.core.RunResult;

/**
 * Closed-loop request/response: each client (one thread each) sends a request, waits for its
 * answer, then sends the next. Latency is each request's send-to-answer time; only requests that
 * start and end inside the measurement window count, so throughput = counted / window.
 * Closed loop is NOT corrected for coordinated omission: a slow answer delays the client's next
 * request instead of queueing behind it, which is also how the reference numbers were taken.
 * Threading: {@link #run} from one thread; it starts and joins the client threads.
 */
final class ClosedLoop {

    /** What a run measured, and how many requests were answered in all (warm-up included). */
    record Outcome(RunResult measured, long allCalls) {
    }

    private ClosedLoop() {
    }

    /**
     * Runs {@code clients} for {@code warmupSeconds} (not counted) then {@code seconds}.
     *
     * @throws IllegalStateException when a client failed (wrong, lost or late answer)
     */
    static Outcome run(String system, String mode, List<? extends RoundTrip> clients, double warmupSeconds,
            double seconds) throws InterruptedException {
        long start = System.nanoTime() + 20_000_000; // every thread started before anyone measures
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long measureTo = measureFrom + (long) (seconds * 1e9);
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAdder allCalls = new LongAdder();
        for (int i = 0; i < clients.size(); i++) {
            RoundTrip c = clients.get(i);
            Histogram h = new Histogram(60_000_000_000L, 3);
            histograms.add(h);
            Thread t = new Thread(() -> {
                long seq = 0;
                try {
                    long wait;
                    while ((wait = start - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long t0;
                    while ((t0 = System.nanoTime()) < measureTo && failure.get() == null) {
                        c.call(seq++);
                        long t1 = System.nanoTime();
                        allCalls.increment();
                        if (t0 >= measureFrom && t1 <= measureTo) {
                            h.recordValue(t1 - t0);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, system + "-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long joinBy = measureTo + 30_000_000_000L;
        for (Thread t : threads) {
            t.join(Math.max(1, (joinBy - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) {
                failure.compareAndSet(null, new IllegalStateException(t.getName() + " still waits for an answer 30 s after the run"));
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(system + " with " + clients.size() + " clients failed: " + failure.get(), failure.get());
        }
        Histogram all = new Histogram(60_000_000_000L, 3);
        histograms.forEach(all::add);
        long n = all.getTotalCount();
        return new Outcome(new RunResult(system, mode, 0, n, n, seconds, all, false), allCalls.sum());
    }
}
