package io.v2e.tuning.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The Linux CPU scheduling policies of a thread (SCHED_* of sched(7)), with their numbers.
 * The real-time policies ({@link #FIFO}, {@link #RR}) take a priority 1..99 and run before every
 * normal thread; the others take priority 0 and are ordered by nice.
 */
public enum SchedulingPolicy {
    /** SCHED_OTHER: the default time-sharing policy (CFS/EEVDF), ordered by nice. */
    OTHER(0),
    /** SCHED_FIFO: real-time, runs until it blocks or yields; needs CAP_SYS_NICE or RLIMIT_RTPRIO. */
    FIFO(1),
    /** SCHED_RR: real-time like FIFO, with a time slice among threads of equal priority. */
    RR(2),
    /** SCHED_BATCH: like OTHER, but treated as CPU-bound (fewer wake-up preemptions). */
    BATCH(3),
    /** SCHED_IDLE: runs only when nothing else wants the CPU. */
    IDLE(5);

    /** Lowest and highest priority of the real-time policies on Linux (sched_get_priority_min/max). */
    public static final int MIN_REALTIME_PRIORITY = 1;
    public static final int MAX_REALTIME_PRIORITY = 99;

    private final int linuxValue;

    SchedulingPolicy(int linuxValue) {
        this.linuxValue = linuxValue;
    }

    /** The SCHED_* constant of Linux (all architectures share them). */
    public int linuxValue() {
        return linuxValue;
    }

    /** True for FIFO and RR, the policies that take a priority 1..99. */
    public boolean isRealTime() {
        return this == FIFO || this == RR;
    }

    /**
     * The policy of a SCHED_* number as sched_getscheduler(2) returns it (the SCHED_RESET_ON_FORK
     * flag, 0x40000000, is ignored).
     *
     * @throws IllegalArgumentException for a number no policy here has (e.g. 6, SCHED_DEADLINE)
     */
    public static SchedulingPolicy ofLinuxValue(int value) {
        int policy = value & ~0x40000000;
        for (SchedulingPolicy p : values()) {
            if (p.linuxValue == policy) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown scheduling policy number " + value);
    }

    /** Parses a policy as written in configuration: other (normal), fifo, rr, batch, idle; case ignored. */
    public static SchedulingPolicy parse(String text) {
        String t = Objects.requireNonNull(text, "scheduling policy").trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "other": case "normal": case "sched_other": return OTHER;
            case "fifo": case "sched_fifo": return FIFO;
            case "rr": case "round_robin": case "sched_rr": return RR;
            case "batch": case "sched_batch": return BATCH;
            case "idle": case "sched_idle": return IDLE;
            default:
                throw new IllegalArgumentException("unknown scheduling policy '" + text
                        + "' (expected other, fifo, rr, batch or idle)");
        }
    }

    /** The configuration name: {@code other}, {@code fifo}, {@code rr}, {@code batch}, {@code idle}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
