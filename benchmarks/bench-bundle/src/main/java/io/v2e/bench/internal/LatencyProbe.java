package io.v2e.bench.internal;

import org.HdrHistogram.Histogram;

/**
 * What the bench endpoint does for each message of one run: note the receive time against the
 * message's send time and count it. The broker delivers one target's messages in the order it
 * accepted them, so the n-th received is the n-th sent and its send time is known without
 * carrying it in the message: at a fixed rate the INTENDED time {@code t0 + n * interval} (a
 * stalled producer cannot hide the stall: coordinated omission corrected), flat out the time the
 * producer noted in {@link #sentAt} just before {@code Broker.send}.
 * <p>
 * Threading: {@link #receive} from one broker worker at a time (the broker serialises an
 * endpoint); the producer writes {@link #sentAt} before sending and reads {@link #delivered()}.
 */
final class LatencyProbe {

    /** Flat-out producers keep at most this many messages in flight, so {@link #sentAt} never laps. */
    static final int WINDOW = 1 << 16;
    private static final int RING = WINDOW * 2;
    static final long HIGHEST_NANOS = 60_000_000_000L;

    final long[] sentAt = new long[RING];
    final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
    private final long t0;
    private final long intervalNanos;
    private volatile long delivered;
    private volatile boolean closed;

    /** @param intervalNanos the fixed-rate schedule's interval, 0 flat out */
    LatencyProbe(long t0, long intervalNanos) {
        this.t0 = t0;
        this.intervalNanos = intervalNanos;
    }

    void receive() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long n = delivered;
        long sent = intervalNanos > 0 ? t0 + n * intervalNanos : sentAt[(int) (n & (RING - 1))];
        histogram.recordValue(Math.min(Math.max(0, now - sent), HIGHEST_NANOS));
        delivered = n + 1;
    }

    /** Stops recording: deliveries after a run's drain limit are not counted. */
    void close() {
        closed = true;
    }

    long delivered() {
        return delivered;
    }

    long intendedSendTime(long n) {
        return t0 + n * intervalNanos;
    }
}
