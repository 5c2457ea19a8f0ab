package io.v2e.transport.internal;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.ThreadScheduling;

/**
 * How many I/O event-loop threads the transport runs and how each one is placed and tuned through
 * the bound TuningProvider (the {@code io_*} keys of etc/io.v2e.transport.cfg). Immutable.
 *
 * @param threads    loop threads; 0 = {@link #autoThreads} of the working CPUs
 * @param cpus       cpulist narrowing the provider's allowed set; empty = all it allows
 * @param placement  {@code cpu}: loop i on the i-th CPU of the set; {@code set}: every loop on the whole set
 * @param nice       nice value each loop sets on itself
 * @param ioPriority I/O priority each loop sets on itself
 * @param scheduling scheduling policy each loop sets on itself (fifo/rr fall back to other when DENIED)
 */
record LoopSettings(int threads, CpuSet cpus, Placement placement, int nice, IoPriority ioPriority,
        ThreadScheduling scheduling) {

    /** Where loops are pinned (the configuration's words; DS converts with Enum.valueOf). */
    enum Placement {
        /** Loop i is pinned to the i-th CPU of the working set (wrapping). */
        cpu,
        /** Every loop may run on every CPU of the working set; the scheduler places it. */
        set
    }

    static final int MAX_THREADS = 64;
    static final LoopSettings DEFAULTS = new LoopSettings(0, CpuSet.empty(), Placement.set, -10,
            new IoPriority(IoPriority.IoClass.BEST_EFFORT, 0), ThreadScheduling.OTHER);

    LoopSettings {
        if (threads < 0 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("io_threads must be 0.." + MAX_THREADS + ", was " + threads);
        }
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("io_nice must be -20..19, was " + nice);
        }
        if (cpus == null || placement == null || ioPriority == null || scheduling == null) {
            throw new IllegalArgumentException("io settings incomplete");
        }
    }

    /**
     * Loops for {@code workingCpus} CPUs when io_threads = 0: one per 4 CPUs, at least 1, at most 8.
     * One loop multiplexes thousands of connections; more loops only pay where one loop's CPU is the
     * limit, and every extra loop is one more thread competing with the broker's workers.
     */
    static int autoThreads(int workingCpus) {
        return Math.max(1, Math.min(8, workingCpus / 4));
    }
}
