package io.v2e.broker.internal;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;

/**
 * A validated broker configuration. Immutable; the broker swaps whole instances, so a reader sees
 * one consistent configuration.
 *
 * @param workers          worker threads; 0 = one per CPU of the working set
 * @param cpus             CPUs to narrow the provider's allowed set to; empty = no narrowing
 * @param scheduling       the scheduling policy and priority every worker sets on itself
 */
record BrokerSettings(int workers, CpuSet cpus, int nice, IoPriority ioPriority, int queueCapacity,
        OfferPolicy offerPolicy, long offerTimeoutMs, long requestTimeoutMs, int maxMessageBytes,
        IdleStrategy.Kind idleStrategy, long drainTimeoutMs, ThreadScheduling scheduling) {

    /** The most any queue may be configured to hold. */
    static final int MAX_QUEUE_CAPACITY = 1 << 20;

    static final BrokerSettings DEFAULTS = new BrokerSettings(0, CpuSet.empty(), 0,
            new IoPriority(IoPriority.IoClass.REALTIME, 0), 65536, OfferPolicy.block, 100, 30_000,
            50 * 1024 * 1024, IdleStrategy.Kind.backoff, 5000, ThreadScheduling.OTHER);

    BrokerSettings {
        check(workers >= 0 && workers <= 1024, "workers must be 0..1024, was " + workers);
        check(nice >= -20 && nice <= 19, "nice must be -20..19, was " + nice);
        check(queueCapacity >= 1 && queueCapacity <= MAX_QUEUE_CAPACITY,
                "queue_capacity must be 1.." + MAX_QUEUE_CAPACITY + ", was " + queueCapacity);
        check(offerTimeoutMs >= 1, "offer_timeout_ms must be >= 1, was " + offerTimeoutMs);
        check(requestTimeoutMs >= 1, "request_timeout_ms must be >= 1, was " + requestTimeoutMs);
        check(maxMessageBytes >= 1, "max_message_bytes must be >= 1, was " + maxMessageBytes);
        check(drainTimeoutMs >= 0, "drain_timeout_ms must be >= 0, was " + drainTimeoutMs);
        if (cpus == null || ioPriority == null || offerPolicy == null || idleStrategy == null || scheduling == null) {
            throw new IllegalArgumentException("incomplete broker settings");
        }
        // A real-time thread runs until it blocks: one that busy-waits keeps every normal thread
        // off its CPU, with only the kernel's RT throttling (5% of each second by default) left.
        // wake spins a bounded 1,000 passes (microseconds), then sleeps until woken: it never busy-waits.
        check(!scheduling.policy().isRealTime() || idleStrategy == IdleStrategy.Kind.park
                        || idleStrategy == IdleStrategy.Kind.wake,
                "worker_scheduling=" + scheduling.policy().configName() + " needs idle_strategy=wake or park, was "
                        + idleStrategy + " (spin, yield and backoff busy-wait, and a busy-waiting"
                        + " real-time worker starves every normal thread on its CPU)");
    }

    /**
     * Validates a configuration.
     *
     * @throws IllegalArgumentException naming the first bad property and its value
     */
    static BrokerSettings of(BrokerConfig c) {
        CpuSet cpus;
        try {
            cpus = CpuSet.parse(c.cpus());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cpus: " + e.getMessage(), e);
        }
        IoPriority io;
        try {
            io = new IoPriority(c.io__class().toApi(), c.io__level());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("io_class/io_level: " + e.getMessage(), e);
        }
        return new BrokerSettings(c.workers(), cpus, c.nice(), io, c.queue__capacity(), c.offer__policy(),
                c.offer__timeout__ms(), c.request__timeout__ms(), c.max__message__bytes(), c.idle__strategy(),
                c.drain__timeout__ms(), scheduling(c));
    }

    /** worker_scheduling and worker_rt_priority; the priority is checked even while a normal policy ignores it. */
    private static ThreadScheduling scheduling(BrokerConfig c) {
        SchedulingPolicy policy = c.worker__scheduling().toApi();
        int priority = c.worker__rt__priority();
        check(priority >= SchedulingPolicy.MIN_REALTIME_PRIORITY && priority <= SchedulingPolicy.MAX_REALTIME_PRIORITY,
                "worker_rt_priority must be " + SchedulingPolicy.MIN_REALTIME_PRIORITY + ".."
                        + SchedulingPolicy.MAX_REALTIME_PRIORITY + ", was " + priority);
        return new ThreadScheduling(policy, policy.isRealTime() ? priority : 0);
    }

    /** True when applying {@code next} needs new worker threads (not just new tuning or limits). */
    boolean needsNewWorkers(BrokerSettings next) {
        return workers != next.workers || !cpus.equals(next.cpus) || idleStrategy != next.idleStrategy;
    }

    BrokerSettings withQueue(int capacity, OfferPolicy policy) {
        return new BrokerSettings(workers, cpus, nice, ioPriority, capacity, policy, offerTimeoutMs, requestTimeoutMs,
                maxMessageBytes, idleStrategy, drainTimeoutMs, scheduling);
    }

    BrokerSettings withNice(int value) {
        return new BrokerSettings(workers, cpus, value, ioPriority, queueCapacity, offerPolicy, offerTimeoutMs,
                requestTimeoutMs, maxMessageBytes, idleStrategy, drainTimeoutMs, scheduling);
    }

    BrokerSettings withWorkers(int count) {
        return new BrokerSettings(count, cpus, nice, ioPriority, queueCapacity, offerPolicy, offerTimeoutMs,
                requestTimeoutMs, maxMessageBytes, idleStrategy, drainTimeoutMs, scheduling);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
