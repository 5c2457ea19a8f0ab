package io.v2e.transport.internal;

import java.util.Arrays;

/**
 * Cuts a byte stream into lines (frames) of at most {@code maxFrameBytes} bytes, not counting the
 * newline. A line that fits in one read is handed over in place, without a copy; a line spread
 * over several reads is assembled in a buffer that grows up to the limit and shrinks back after.
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

    private int maxFrameBytes;
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
            } else if (partialLength > 0) {
                if (append(bytes, start, i - start, sink)) {
                    more = sink.frame(partial, 0, partialLength);
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
        long total = (long) partialLength + count;
        if (total > maxFrameBytes) {
            int keep = Math.min(PREFIX - Math.min(partialLength, PREFIX), count);
            if (partialLength < PREFIX) {
                ensure(partialLength + keep);
                System.arraycopy(bytes, from, partial, partialLength, keep);
                partialLength += keep;
            }
            sink.oversize(maxFrameBytes, partial, 0, Math.min(partialLength, PREFIX));
            resetPartial();
            skipping = true;
            return false;
        }
        ensure((int) total);
        System.arraycopy(bytes, from, partial, partialLength, count);
        partialLength = (int) total;
        return true;
    }

    private void ensure(int capacity) {
        if (capacity > partial.length) {
            long grown = Math.max(capacity, Math.min((long) partial.length * 2, maxFrameBytes));
            partial = Arrays.copyOf(partial, (int) grown);
            peakCapacity = Math.max(peakCapacity, partial.length);
        }
    }

    private void resetPartial() {
        partialLength = 0;
        if (partial.length > 1024 * 1024) {
            partial = new byte[INITIAL]; // a big line is rare: give its memory back
        }
    }

    /** Bytes of an unfinished line (or an oversize line being skipped) held back; discarded at disconnect. */
    boolean midFrame() {
        return partialLength > 0 || skipping;
    }

    int peakCapacity() {
        return peakCapacity;
    }

    int bufferedBytes() {
        return partialLength;
    }
}
