package io.v2e.transport.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into lines (frames) of at most {@code maxFrameBytes} bytes, not counting the
 * newline. A line that fits in one read is handed over in place, without a copy; a line spread
 * over several reads is collected in a buffer that grows up to {@value #SEGMENT} bytes, then in
 * further segments of that size, and handed over in one array of exactly its length (so a 1 MiB
 * line costs about twice its size in allocation, not the four times of doubling a buffer to fit
 * it); only the first buffer, at most {@value #SEGMENT} bytes, stays for the next line.
 * A line over the limit is reported once, as soon as it passes the limit, and then skipped up to
 * its newline without being stored, so memory stays bounded whatever the peer sends.
 * <p>
 * Threading: one thread (the connection's) at a time.
 */
final class FrameReader {

    /** Receives what {@link #feed} finds. The arrays passed are only valid during the call. */
    interface Sink {
        /**
         * One complete line without its newline (a trailing {@code \r} is left to the decoder).
         *
         * @return false to stop {@link #feed} after this line (the caller keeps the rest for later)
         */
        boolean frame(byte[] bytes, int offset, int length);

        /** A line passed the limit; {@code bytes[offset, offset+length)} is its start, for reading its ids. */
        void oversize(int limit, byte[] bytes, int offset, int length);
    }

    private static final int INITIAL = 4096;
    static final int SEGMENT = 256 * 1024;

    private int maxFrameBytes;
    /** Full segments (each {@value #SEGMENT} bytes) of the unfinished line, in order; it continues in {@code partial}. */
    private final List<byte[]> segments = new ArrayList<>();
    private byte[] partial = new byte[INITIAL];
    private int partialLength;
    /** True while the rest of an oversize line is being skipped. */
    private boolean skipping;
    /** The largest the line buffer has been. */
    private int peakCapacity = INITIAL;

    FrameReader(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Applies to the next line that starts. */
    void maxFrameBytes(int max) {
        this.maxFrameBytes = max;
    }

    /**
     * Consumes {@code bytes[offset, offset+length)}: reports every line it completes and keeps an
     * unfinished one, unless the sink asks to stop after a line.
     *
     * @return how many bytes were consumed: {@code length}, or less when the sink stopped it
     */
    int feed(byte[] bytes, int offset, int length, Sink sink) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            boolean more = true;
            if (skipping) {
                skipping = false;
            } else if (bufferedLength() > 0) {
                if (append(bytes, start, i - start, sink)) {
                    int lineLength = bufferedLength();
                    more = sink.frame(assembled(lineLength), 0, lineLength);
                }
                resetPartial();
            } else if (i - start > maxFrameBytes) {
                sink.oversize(maxFrameBytes, bytes, start, Math.min(i - start, PREFIX));
            } else {
                more = sink.frame(bytes, start, i - start);
            }
            start = i + 1;
            if (!more) {
                return start - offset;
            }
        }
        if (start < end && !skipping) {
            append(bytes, start, end - start, sink);
        }
        return length;
    }

    /** How much of an oversize line is handed to {@link Sink#oversize} to look for its ids. */
    static final int PREFIX = 64 * 1024;

    /**
     * Appends to the partial line; on passing the limit reports it and switches to skipping.
     *
     * @return false when the line turned out oversize
     */
    private boolean append(byte[] bytes, int from, int count, Sink sink) {
        long total = (long) bufferedLength() + count;
        if (total > maxFrameBytes) {
            if (segments.isEmpty()) {
                int keep = Math.min(PREFIX - Math.min(partialLength, PREFIX), count);
                if (partialLength < PREFIX) {
                    ensure(partialLength + keep);
                    System.arraycopy(bytes, from, partial, partialLength, keep);
                    partialLength += keep;
                }
                sink.oversize(maxFrameBytes, partial, 0, Math.min(partialLength, PREFIX));
            } else {
                sink.oversize(maxFrameBytes, segments.get(0), 0, PREFIX); // a segment is longer than the prefix
            }
            resetPartial();
            skipping = true;
            return false;
        }
        int at = from;
        int left = count;
        while (left > 0) {
            if (partialLength == partial.length) {
                if (partial.length < SEGMENT) {
                    ensure(Math.min(SEGMENT, partialLength + left));
                } else {
                    segments.add(partial);
                    partial = new byte[SEGMENT];
                    partialLength = 0;
                }
            }
            int n = Math.min(left, partial.length - partialLength);
            System.arraycopy(bytes, at, partial, partialLength, n);
            partialLength += n;
            at += n;
            left -= n;
        }
        peakCapacity = Math.max(peakCapacity, segments.size() * SEGMENT + partial.length);
        return true;
    }

    /** The buffered line in one array: the partial buffer itself, or a new one of exactly {@code length} bytes. */
    private byte[] assembled(int length) {
        if (segments.isEmpty()) {
            return partial;
        }
        byte[] line = new byte[length];
        int at = 0;
        for (byte[] s : segments) {
            System.arraycopy(s, 0, line, at, SEGMENT);
            at += SEGMENT;
        }
        System.arraycopy(partial, 0, line, at, partialLength);
        return line;
    }

    private int bufferedLength() {
        return segments.size() * SEGMENT + partialLength;
    }

    /** Grows the partial buffer (doubling, at most to {@value #SEGMENT} and to the frame limit unless more is needed). */
    private void ensure(int capacity) {
        if (capacity > partial.length) {
            long grown = Math.max(capacity, Math.min(Math.min((long) partial.length * 2, maxFrameBytes), SEGMENT));
            partial = Arrays.copyOf(partial, (int) grown);
            peakCapacity = Math.max(peakCapacity, segments.size() * SEGMENT + partial.length);
        }
    }

    /** Forgets the buffered line; the partial buffer (at most {@value #SEGMENT} bytes) is kept for the next. */
    private void resetPartial() {
        partialLength = 0;
        segments.clear();
    }

    /** Bytes of an unfinished line (or an oversize line being skipped) held back; discarded at disconnect. */
    boolean midFrame() {
        return bufferedLength() > 0 || skipping;
    }

    int peakCapacity() {
        return peakCapacity;
    }

    int bufferedBytes() {
        return bufferedLength();
    }
}
