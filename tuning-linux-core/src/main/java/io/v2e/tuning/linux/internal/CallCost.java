package io.v2e.tuning.linux.internal;

import io.v2e.tuning.api.TuningProvider;

/**
 * Measures, once at activation, what one cheap provider call costs: the mean of
 * {@link TuningProvider#threadNice()} (gettid + getpriority, two native calls) over a short
 * timed run after a warm-up. A figure for operators comparing providers, not a benchmark.
 */
final class CallCost {

    private static final int WARM_UP_CALLS = 5_000;
    private static final int TIMED_CALLS = 20_000;

    private CallCost() {
    }

    static long measure(TuningProvider provider) {
        int sink = 0;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            sink += provider.threadNice().isPresent() ? 1 : 0;
        }
        long start = System.nanoTime();
        for (int i = 0; i < TIMED_CALLS; i++) {
            sink += provider.threadNice().isPresent() ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        return sink == 0 ? -1 : elapsed / TIMED_CALLS; // sink == 0: every read failed, nothing measured
    }
}
