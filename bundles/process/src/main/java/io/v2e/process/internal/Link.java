package io.v2e.process.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.MpscArrayQueue;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageFormatException;

/**
 * NDJSON to and from one running child, over blocking streams (its stdin/stdout, or the accepted
 * UNIX socket). Threading: any thread may {@link #offer} (broker workers, answer callbacks); one
 * writer thread drains the bounded MPSC queue into the stream; one reader thread decodes lines
 * and hands them to the {@link Peer}. The two threads are the price of blocking pipes (a pipe to a
 * child cannot join a selector in the JDK); they are tuned through the provider like every thread
 * on a message's path ({@link IoThreadTuning}).
 */
final class Link {

    /** What the link reports to: decoded lines, bad frames, the end. */
    interface Peer {
        void received(Message message);

        /** A line that is not a message, or too long: answer it with an error. */
        void badFrame(String id, String correlationId, String error);

        /** The stream ended (EOF or error); called once, from the reader thread. */
        void closed(String why);
    }

    private static final int CHUNK = 64 * 1024;
    /** A lost wake-up cannot happen (fences below), but a parked writer also looks again this often. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final MessageCodec codec;
    private final int maxLineBytes;
    private final MpscArrayQueue<Message> outbound;
    private final int capacity;
    private final InputStream in;
    private final OutputStream out;
    private final Peer peer;
    private final IoThreadTuning tuning;
    private final Thread reader;
    private final Thread writer;
    private volatile boolean writerParked;
    private volatile boolean closed;

    Link(String name, InputStream in, OutputStream out, int capacity, int maxLineBytes, Peer peer, IoThreadTuning tuning) {
        this.name = name;
        this.codec = new MessageCodec(maxLineBytes);
        this.maxLineBytes = maxLineBytes;
        this.outbound = new MpscArrayQueue<>(capacity);
        this.capacity = capacity;
        this.in = in;
        this.out = new BufferedOutputStream(out, CHUNK);
        this.peer = peer;
        this.tuning = tuning;
        this.reader = new Thread(this::readLoop, "v2e-process-" + name + "-reader");
        this.writer = new Thread(this::writeLoop, "v2e-process-" + name + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
        reader.start();
    }

    /**
     * Queues a message for the child; false when the queue is full (the child is not reading) or
     * the link is closed.
     */
    boolean offer(Message message) {
        if (closed || !outbound.offer(message)) {
            return false;
        }
        VarHandle.fullFence(); // the element is visible before we look at the flag (no lost wake-up)
        if (writerParked) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    int capacity() {
        return capacity;
    }

    String fullError() {
        return "dropped: the outbound queue of '" + name + "' is full (outbound_capacity " + capacity
                + "): the process is not reading";
    }

    /** Stops both threads; queued messages are not written (the broker answers them as gone). */
    void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            out.close();
        } catch (IOException e) {
            // the child is gone: nothing to flush to
        }
        try {
            in.close();
        } catch (IOException e) {
            // as above
        }
    }

    void join(long millis) throws InterruptedException {
        writer.join(millis);
        reader.join(millis);
    }

    // ---------------------------------------------------------------- writer thread

    private void writeLoop() {
        tuning.applyToCurrentThread("writer");
        try {
            while (!closed) {
                Message m = outbound.poll();
                if (m == null) {
                    out.flush();
                    writerParked = true;
                    VarHandle.fullFence();
                    m = outbound.poll();
                    if (m == null && !closed) {
                        LockSupport.parkNanos(this, PARK_NANOS);
                    }
                    writerParked = false;
                    if (m == null) {
                        continue;
                    }
                }
                codec.writeLine(m, out);
            }
        } catch (IOException e) {
            closed = true; // the child closed its end; the reader sees the end too
        }
    }

    // ---------------------------------------------------------------- reader thread

    private void readLoop() {
        tuning.applyToCurrentThread("reader");
        byte[] chunk = new byte[CHUNK];
        byte[] line = new byte[8192];
        int length = 0;
        boolean skipping = false;
        String why = "end of stream";
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    if (!skipping) {
                        line = append(line, length, chunk, start, i - start);
                        length += i - start;
                        if (length <= maxLineBytes) {
                            deliver(line, length);
                        } else {
                            tooLong();
                        }
                    }
                    skipping = false;
                    length = 0;
                    start = i + 1;
                }
                if (!skipping && start < n) {
                    int rest = n - start;
                    if (length + rest > maxLineBytes) {
                        tooLong();
                        skipping = true; // up to the next newline
                        length = 0;
                    } else {
                        line = append(line, length, chunk, start, rest);
                        length += rest;
                    }
                }
            }
        } catch (IOException e) {
            why = closed ? "closed" : "read failed: " + e.getMessage();
        }
        closed = true;
        LockSupport.unpark(writer);
        peer.closed(why);
    }

    private static byte[] append(byte[] line, int length, byte[] src, int from, int count) {
        byte[] target = line;
        if (length + count > target.length) {
            target = Arrays.copyOf(target, Math.max(target.length * 2, length + count));
        }
        System.arraycopy(src, from, target, length, count);
        return target;
    }

    private void deliver(byte[] line, int length) {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        if (isBlank(line, end)) {
            return;
        }
        Message m;
        try {
            m = codec.decode(line, 0, end);
        } catch (MessageFormatException e) {
            peer.badFrame(e.id().orElse(""), e.correlationId().orElse(null), "bad frame: " + e.getMessage());
            return;
        }
        peer.received(m);
    }

    private void tooLong() {
        peer.badFrame("", null, "frame exceeds max_line_bytes " + maxLineBytes + "; the rest of the line is skipped");
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
