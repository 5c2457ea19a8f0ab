package io.v2e.tuning.linux.internal;

import java.util.Arrays;

import io.v2e.tuning.api.TuningProvider;

/**
 * Measures, once at activation, what one cheap provider call costs: {@link TuningProvider#threadNice()}
 * (gettid + getpriority, two native calls), the median of single timed calls after a JIT warm-up.
 * The median shrugs off the odd preemption by other processes. Same method as the jnr provider,
 * so the figures compare; for operators choosing a provider, not a benchmark.
 */
final class CallCost {

    private static final int WARM_UP_CALLS = 20_000;
    private static final int SAMPLES = 201;

    private CallCost() {
    }

    /** Median nanoseconds of one call, or -1 when the call fails here (nothing to measure). */
    static long measure(TuningProvider provider) {
        if (!provider.threadNice().isPresent()) {
            return -1;
        }
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            provider.threadNice();
        }
        long[] samples = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            provider.threadNice();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return Math.max(1, samples[SAMPLES / 2]);
    }
}
