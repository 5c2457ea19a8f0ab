package io.v2e.ssg.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * bzip2-compressed content ({@code .xml.bz2}, which {@code oscap info} opens directly), recognised by
 * its magic ({@code BZh1}..{@code BZh9}) rather than by the file name, as oscap does. Decompressed
 * as a stream (never whole in memory) and cut off after {@code max_decompressed_size} bytes.
 */
final class CompressedInput {

    private static final int READ_BUFFER = 64 * 1024;

    private CompressedInput() {
    }

    /** True when the file starts with a bzip2 stream header; no well-formed XML starts so. */
    static boolean isBzip2(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // a regular file returns short reads only at its end
        }
        return head.position() == 4 && head.get(0) == 'B' && head.get(1) == 'Z' && head.get(2) == 'h'
                && head.get(3) >= '1' && head.get(3) <= '9';
    }

    /** The decompressed bytes of every concatenated stream in the file (as bzip2 -d gives them). */
    static InputStream bzip2(FileChannel channel, long maxDecompressedSize) throws IOException {
        InputStream compressed = new BufferedInputStream(Channels.newInputStream(channel), READ_BUFFER);
        return new SizeLimit(new BZip2CompressorInputStream(compressed, true), maxDecompressedSize);
    }

    /** The decompressed data went past the configured maximum: a bomb, or a limit set too low. */
    static final class SizeExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        SizeExceededException(long limit) {
            super("decompressed size exceeds max_decompressed_size (" + limit + " bytes)");
        }
    }

    /** Passes at most {@code limit} bytes through and fails on the first byte beyond them. */
    private static final class SizeLimit extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        SizeLimit(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (count >= limit) {
                return endOrExceeded();
            }
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (count >= limit) {
                return endOrExceeded();
            }
            int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
            if (n > 0) {
                count += n;
            }
            return n;
        }

        /** At the limit: the end of the data is fine, one more byte is not. */
        private int endOrExceeded() throws IOException {
            if (in.read() < 0) {
                return -1;
            }
            throw new SizeExceededException(limit);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
