package io.v2e.bench.core;

import org.HdrHistogram.Histogram;

/**
 * The handler work every system under test does for each message: note the receive time against
 * the message's send time and count it. Messages arrive in send order (one consumer at a time,
 * FIFO), so the n-th received is the n-th sent and its send time is known without carrying it in
 * the message: at a fixed rate it is the INTENDED time {@code t0 + n * interval} (this corrects for
 * coordinated omission: a stalled producer does not hide the stall), flat out it is the time the
 * producer noted with {@link #noteSent} just before the hand-off.
 * <p>
 * Threading: {@link #receive} from one consumer thread at a time (each system serialises its
 * consumer and publishes with its own hand-off); the producer calls {@link #noteSent} before
 * handing a message off and reads {@link #delivered()}.
 */
public final class LatencyProbe {

    /** Flat-out producers keep at most this many messages in flight, so the send times never lap. */
    public static final int WINDOW = 1 << 16;
    /** The longest latency recorded; a longer one is recorded as this. */
    public static final long HIGHEST_NANOS = 60_000_000_000L;
    private static final int RING = WINDOW * 2;

    private final long[] sentAt = new long[RING];
    private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
    private final long t0;
    private final long intervalNanos;
    private volatile long delivered;
    private volatile boolean closed;
    private long payloadChars;

    /** @param intervalNanos the fixed-rate schedule's interval, 0 flat out */
    public LatencyProbe(long t0, long intervalNanos) {
        this.t0 = t0;
        this.intervalNanos = intervalNanos;
    }

    /** Flat out: message {@code seq} is handed off at {@code nanoTime} (producer, before the hand-off). */
    public void noteSent(long seq, long nanoTime) {
        sentAt[(int) (seq & (RING - 1))] = nanoTime;
    }

    /** One message reached the handler. */
    public void receive() {
        receive(0);
    }

    /** One message with a payload of {@code payloadLength} chars reached the handler. */
    public void receive(int payloadLength) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long n = delivered;
        long sent = intervalNanos > 0 ? t0 + n * intervalNanos : sentAt[(int) (n & (RING - 1))];
        histogram.recordValue(Math.min(Math.max(0, now - sent), HIGHEST_NANOS));
        payloadChars += payloadLength;
        delivered = n + 1;
    }

    /** Stops recording: deliveries after a run's drain limit are not counted. */
    public void close() {
        closed = true;
    }

    public long delivered() {
        return delivered;
    }

    /** The payload chars of every message received (consumer thread, or after {@link OfferedLoad#detach}). */
    public long payloadChars() {
        return payloadChars;
    }

    public long intendedSendTime(long n) {
        return t0 + n * intervalNanos;
    }

    /** The live histogram (nanoseconds); read it only after {@link OfferedLoad#detach}, which copies it. */
    Histogram histogram() {
        return histogram;
    }
}
