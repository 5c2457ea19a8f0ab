package io.v2e.broker.internal;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

import io.v2e.broker.api.Latency;

/**
 * Nanosecond latencies of one route: accepted to handler start, and time in the handler.
 * <p>
 * Threading: {@link #recordBatch} from the one worker serving the route, once per batch of
 * messages (two atomic increments per batch, not per message); {@link #snapshot} from any thread.
 * The worker writes the active pair of histograms; a reader swaps in the other pair, waits for the
 * writer to leave the old one ({@link WriterReaderPhaser#flipPhase()}) and adds it to the totals.
 */
final class LatencyStats {

    private static final int DIGITS = 2;

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** [queue, handler] written by the worker. */
    private volatile Histogram[] active = {new Histogram(DIGITS), new Histogram(DIGITS)};
    private Histogram[] inactive = {new Histogram(DIGITS), new Histogram(DIGITS)};
    private final Histogram queueTotal = new Histogram(DIGITS);
    private final Histogram handlerTotal = new Histogram(DIGITS);

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
        phaser.readerLock();
        try {
            Histogram[] spare = inactive;
            spare[0].reset();
            spare[1].reset();
            inactive = active;
            active = spare;
            phaser.flipPhase();
            queueTotal.add(inactive[0]);
            handlerTotal.add(inactive[1]);
        } finally {
            phaser.readerUnlock();
        }
        return new Latency[] {latency(queueTotal), latency(handlerTotal)};
    }

    private static Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
