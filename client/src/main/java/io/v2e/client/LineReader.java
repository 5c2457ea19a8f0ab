package io.v2e.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Reads newline-terminated lines of bytes, up to a limit, straight from a channel (not through
 * {@code Channels.newInputStream}, whose blocked read would hold the lock its output stream needs).
 * Threading: one thread.
 */
final class LineReader {

    /** A line without its newline; {@code bytes} is reused by the next call. */
    record Line(byte[] bytes, int length) {
    }

    private final ReadableByteChannel in;
    private final int maxLength;
    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;

    LineReader(ReadableByteChannel in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or null at end of stream (an unterminated last line is dropped). */
    Line next() throws IOException {
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') {
                    int len = i - start;
                    byte[] line = Arrays.copyOfRange(buf, start, i);
                    start = i + 1;
                    return new Line(line, len);
                }
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            scanFrom = end;
            if (end == buf.length) {
                if (buf.length >= maxLength) {
                    throw new IOException("line longer than " + maxLength + " bytes");
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLength));
            }
            int n = in.read(ByteBuffer.wrap(buf, end, buf.length - end));
            if (n < 0) {
                return null;
            }
            end += n;
        }
    }
}
