package io.v2e.tuning.linux.internal;

import io.v2e.tuning.api.TuningProvider;

/**
 * Measures, once at activation, what one cheap provider call costs: {@link TuningProvider#threadNice()}
 * (gettid + getpriority, two native calls). After a warm-up it times a few short rounds and keeps
 * the fastest round's mean, the one least disturbed by other processes. About 50 000 calls, tens
 * of milliseconds: a figure for operators comparing providers, not a benchmark.
 */
final class CallCost {

    private static final int WARM_UP_CALLS = 20_000;
    private static final int ROUNDS = 3;
    private static final int CALLS_PER_ROUND = 10_000;

    private CallCost() {
    }

    /** Mean nanoseconds of one call, or -1 when the call fails here (nothing to measure). */
    static long measure(TuningProvider provider) {
        if (!provider.threadNice().isPresent()) {
            return -1;
        }
        long sink = 0;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            sink += provider.threadNice().get();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                sink += provider.threadNice().get();
            }
            best = Math.min(best, (System.nanoTime() - start) / CALLS_PER_ROUND);
        }
        // sink keeps the JIT from dropping the calls; it cannot push the mean below 1 ns.
        return Math.max(1, best + (sink == Long.MIN_VALUE ? 1 : 0));
    }
}
