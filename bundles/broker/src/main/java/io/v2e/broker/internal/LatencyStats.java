package io.v2e.broker.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

import io.v2e.broker.api.Latency;
import io.v2e.broker.api.RecentLatency;

/**
 * Nanosecond latencies of one route: accepted to handler start, and time in the handler, since
 * start and over a recent window.
 * <p>
 * Threading: {@link #recordBatch} from the one worker serving the route, once per batch of
 * messages (two atomic increments per batch, not per message); everything else from any thread,
 * serialised on this object. The worker writes the active pair of histograms; {@link #drain} swaps
 * in the other pair, waits for the writer to leave the old one ({@link WriterReaderPhaser#flipPhase()})
 * and adds it to the totals and to the current window step. The broker's timer drains every route
 * once a second ({@link #tick}), so a value lands in the step it was recorded in, give or take that.
 */
final class LatencyStats {

    private static final int DIGITS = 2;
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(RecentLatency.STEP_MILLIS);

    private final LongSupplier clock;
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** [queue, handler] written by the worker. */
    private volatile Histogram[] active = pair();
    private Histogram[] inactive = pair();
    private final Histogram[] total = pair();
    /** The window: the step in progress (since {@link #stepStart}) and the one before it (if {@link #hasPrevious}). */
    private Histogram[] current = pair();
    private Histogram[] previous = pair();
    private long stepStart;
    private boolean hasPrevious;

    LatencyStats() {
        this(System::nanoTime);
    }

    LatencyStats(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.stepStart = nanoClock.getAsLong();
    }

    /** A fresh [queue, handler] pair of histograms. */
    static Histogram[] pair() {
        return new Histogram[] {new Histogram(DIGITS), new Histogram(DIGITS)};
    }

    /** Records {@code queued[i]} and {@code handled[i]} for i &lt; n; a negative value means "not measured". */
    void recordBatch(long[] queued, long[] handled, int n) {
        long token = phaser.writerCriticalSectionEnter();
        try {
            Histogram[] h = active;
            for (int i = 0; i < n; i++) {
                if (queued[i] >= 0) {
                    h[0].recordValue(queued[i]);
                }
                if (handled[i] >= 0) {
                    h[1].recordValue(handled[i]);
                }
            }
        } finally {
            phaser.writerCriticalSectionExit(token);
        }
    }

    /** [accepted to handler start, handler time] since the broker started. */
    synchronized Latency[] snapshot() {
        drain();
        return new Latency[] {latency(total[0]), latency(total[1])};
    }

    /** The broker timer's once-a-second call: moves what the worker recorded into its window step. */
    synchronized void tick() {
        drain();
    }

    /**
     * Adds this route's window to {@code into} ([queue, handler]) and returns how many nanoseconds
     * the window covers now.
     */
    synchronized long addRecentTo(Histogram[] into) {
        drain();
        for (int i = 0; i < 2; i++) {
            addIfAny(into[i], current[i]);
            if (hasPrevious) {
                addIfAny(into[i], previous[i]);
            }
        }
        return windowNanos();
    }

    /** [queue, handler] over the window; as {@link #addRecentTo} for this route alone. */
    synchronized Latency[] recent() {
        Histogram[] sum = pair();
        addRecentTo(sum);
        return new Latency[] {latency(sum[0]), latency(sum[1])};
    }

    /** Nanoseconds the window covers: the step in progress, plus the previous step when there is one. */
    synchronized long windowNanos() {
        long span = clock.getAsLong() - stepStart;
        return hasPrevious ? span + STEP_NANOS : span;
    }

    private void drain() {
        rotate(clock.getAsLong());
        phaser.readerLock();
        try {
            Histogram[] spare = inactive;
            spare[0].reset();
            spare[1].reset();
            inactive = active;
            active = spare;
            phaser.flipPhase();
            for (int i = 0; i < 2; i++) {
                if (inactive[i].getTotalCount() > 0) { // an idle route costs no histogram walk
                    total[i].add(inactive[i]);
                    current[i].add(inactive[i]);
                }
            }
        } finally {
            phaser.readerUnlock();
        }
    }

    /** Starts a new step when the current one is over; a step older than one step is forgotten. */
    private void rotate(long now) {
        long elapsed = now - stepStart;
        if (elapsed < STEP_NANOS) {
            return;
        }
        Histogram[] old = previous;
        old[0].reset();
        old[1].reset();
        if (elapsed < 2 * STEP_NANOS) {
            previous = current;
            current = old;
            hasPrevious = true;
            stepStart += STEP_NANOS;
        } else { // nothing drained for two steps or more: both are too old
            current[0].reset();
            current[1].reset();
            hasPrevious = false;
            stepStart = now;
        }
    }

    private static void addIfAny(Histogram into, Histogram from) {
        if (from.getTotalCount() > 0) {
            into.add(from);
        }
    }

    static Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
