package io.v2e.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * The handler work every system under test does for each message: note the receive time against
 * the message's send time and count it. Messages arrive in send order (one consumer at a time,
 * FIFO), so the n-th received is the n-th sent and its send time is known without carrying it in
 * the message: at a fixed rate it is the INTENDED time {@code t0 + n * interval} (this corrects for
 * coordinated omission: a stalled producer does not hide the stall), in max mode it is the time
 * the producer noted in {@link #sentAt} just before the hand-off.
 * <p>
 * Threading: {@link #receive} from one consumer thread at a time (each system serialises its
 * consumer and publishes with its own hand-off); the producer writes {@link #sentAt} before
 * handing a message off and reads {@link #delivered()}.
 */
final class Probe {

    /** Max-mode producers keep at most this many messages in flight, so {@link #sentAt} never laps. */
    static final int WINDOW = 1 << 16;
    private static final int RING = WINDOW * 2;

    final long[] sentAt = new long[RING];
    final Histogram histogram = new Histogram(60_000_000_000L, 3);
    private final long t0;
    private final long intervalNanos;
    private volatile long delivered;
    private volatile boolean closed;
    private long payloadChars;

    /** @param intervalNanos the fixed-rate schedule's interval, 0 in max mode */
    Probe(long t0, long intervalNanos) {
        this.t0 = t0;
        this.intervalNanos = intervalNanos;
    }

    void receive(int payloadLength) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long n = delivered;
        long sent = intervalNanos > 0 ? t0 + n * intervalNanos : sentAt[(int) (n & (RING - 1))];
        histogram.recordValue(Math.min(Math.max(0, now - sent), histogram.getHighestTrackableValue()));
        payloadChars += payloadLength;
        delivered = n + 1;
    }

    /** Stops recording (late deliveries after a run's drain limit are ignored). */
    void close() {
        closed = true;
    }

    long delivered() {
        return delivered;
    }

    long payloadChars() {
        return payloadChars;
    }

    long intendedSendTime(long n) {
        return t0 + n * intervalNanos;
    }
}
