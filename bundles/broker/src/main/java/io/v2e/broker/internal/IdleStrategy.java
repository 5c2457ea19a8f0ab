package io.v2e.broker.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * What a worker does after a pass that found no message. One instance per worker thread (it keeps
 * the backoff state); not thread-safe.
 */
final class IdleStrategy {

    /**
     * The configurable kinds, named as in the configuration ({@code idle_strategy = backoff}; DS
     * converts with the case-sensitive {@code Enum.valueOf}).
     */
    enum Kind {
        /** Busy-spin: lowest latency, burns its CPU. */
        spin,
        /** Thread.yield() each time. */
        yield,
        /** Park for {@value #PARK_NANOS} ns each time. */
        park,
        /** Spin briefly, then yield, then park with a growing period. */
        backoff,
        /**
         * Spin briefly ({@value #WAKE_SPINS} passes), then sleep until a producer queues a message
         * for one of the worker's routes and wakes it (at most {@value #MAX_PARK_NANOS} ns at a time,
         * so a new plan or a stop is still seen): no timer decides when a queued message is seen.
         */
        wake
    }

    static final long PARK_NANOS = 50_000;
    private static final int MAX_SPINS = 10_000;
    private static final int MAX_YIELDS = 100;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    static final int WAKE_SPINS = 1_000;

    private final Kind kind;
    private int spins;
    private int yields;
    private long parkNanos = MIN_PARK_NANOS;

    IdleStrategy(Kind kind) {
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** Called by {@code worker}'s own thread after a pass that did no work. */
    void idle(Worker worker) {
        switch (kind) {
            case spin:
                Thread.onSpinWait();
                break;
            case yield:
                Thread.yield();
                break;
            case park:
                LockSupport.parkNanos(PARK_NANOS);
                break;
            case wake:
                if (spins < WAKE_SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    worker.sleepUntilWoken(MAX_PARK_NANOS);
                }
                break;
            default:
                backoff();
        }
    }

    /** Called after a pass that did work: the next idle period starts from spinning again. */
    void reset() {
        spins = 0;
        yields = 0;
        parkNanos = MIN_PARK_NANOS;
    }

    private void backoff() {
        if (spins < MAX_SPINS) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < MAX_YIELDS) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, MAX_PARK_NANOS);
        }
    }
}
