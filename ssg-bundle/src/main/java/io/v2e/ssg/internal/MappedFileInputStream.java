package io.v2e.ssg.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a file through successive read-only memory-mapped windows, so files larger than one
 * {@link MappedByteBuffer} (2 GiB) work. Each window is announced to {@link WindowListener} when
 * mapped and when done, which is where kernel hints are given. Confined to the parsing thread.
 */
final class MappedFileInputStream extends InputStream {

    /** Told about each window's life; the parser gives madvise hints here. */
    interface WindowListener {
        void mapped(MappedByteBuffer window);

        void done(MappedByteBuffer window);
    }

    private final FileChannel channel;
    private final long size;
    private final int windowSize;
    private final WindowListener listener;
    private long windowStart;
    private MappedByteBuffer window;

    MappedFileInputStream(FileChannel channel, long size, int windowSize, WindowListener listener) {
        if (windowSize <= 0) {
            throw new IllegalArgumentException("window size must be positive: " + windowSize);
        }
        this.channel = channel;
        this.size = size;
        this.windowSize = windowSize;
        this.listener = listener;
        this.windowStart = -windowSize;
    }

    /** True when the current window is used up and the next one was mapped; false at end of file. */
    private boolean ensureData() throws IOException {
        if (window != null && window.hasRemaining()) {
            return true;
        }
        long nextStart = windowStart + windowSize;
        if (nextStart >= size) {
            return false;
        }
        releaseWindow();
        windowStart = nextStart;
        int length = (int) Math.min(windowSize, size - nextStart);
        window = channel.map(FileChannel.MapMode.READ_ONLY, nextStart, length);
        listener.mapped(window);
        return true;
    }

    @Override
    public int read() throws IOException {
        return ensureData() ? window.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(len, window.remaining());
        window.get(b, off, n);
        return n;
    }

    /** Moves forward without touching the pages in between (maps only the window it lands in). */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long from = position();
        long target = Math.min(size, from + n);
        long start = target - target % windowSize;
        if (window == null || start != windowStart) {
            releaseWindow();
            windowStart = start;
            if (target == size) {
                windowStart = size; // at the end: nothing left to map
                return target - from;
            }
            window = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(windowSize, size - start));
            listener.mapped(window);
        }
        window.position((int) (target - windowStart));
        return target - from;
    }

    /** Bytes of the file consumed so far. */
    long position() {
        return window == null ? Math.max(0, Math.min(size, windowStart + windowSize)) : windowStart + window.position();
    }

    @Override
    public int available() {
        return window == null ? 0 : window.remaining();
    }

    private void releaseWindow() {
        if (window != null) {
            listener.done(window);
            window = null;
        }
    }

    /** Releases the last window (the channel belongs to the caller). */
    @Override
    public void close() {
        releaseWindow();
    }
}
