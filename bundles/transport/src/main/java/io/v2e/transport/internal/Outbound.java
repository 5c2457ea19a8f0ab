package io.v2e.transport.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.v2e.broker.api.Message;

/**
 * The bounded queue of lines waiting to be written to one connection, and the non-blocking writes
 * that empty it. Whoever offers a line writes it at once when nobody else is writing and the socket
 * has room (no thread hand-off on the common path: a broker worker writes a request straight into
 * the endpoint's socket, a loop an answer straight into the caller's), and several queued lines go
 * out in one gathering write; only when a write was partial does the rest wait for the
 * connection's I/O loop: the writer tells it ({@link Wakeup}), the loop waits for writability
 * (OP_WRITE) and flushes ({@link #flushWhenWritable}). Under the timeout policy a waiting caller
 * writes itself when nobody is writing (it may be that very loop).
 * <p>
 * Threading: {@link #offer} from any thread (broker workers, other connections' threads, timers);
 * at most one thread writes at a time ({@code writing}). The queue and counters are guarded by
 * this object's monitor, which is never held during a write system call.
 * <p>
 * Invariant: the first {@code inFlight} frames are being written right now and are never dropped;
 * a frame whose writing started ({@code position > 0}) is never dropped either, so the peer never
 * sees half a line followed by another line.
 */
final class Outbound {

    /** What became of an offered line. */
    enum Offer { WRITTEN_OR_QUEUED, DROPPED, CLOSED }

    /** Told when the connection's thread must act: flush on writability, resume reading, or clean up. */
    interface Wakeup {
        void wake();
    }

    private record Frame(Message message, ByteBuffer bytes) {
    }

    private static final int GATHER = 64;

    private final GatheringByteChannel channel;
    private final Wakeup wakeup;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];

    private volatile Limits limits;
    /** Guarded by this. */
    private long queuedBytes;
    private long maxQueuedBytes;
    private int inFlight;
    private boolean writing;
    private boolean socketFull;
    private boolean readingPaused;
    private boolean closed;
    private IOException failure;
    private long dropped;
    private final java.util.concurrent.atomic.LongAdder bytesOut;

    /** Longest drop_oldest waits for a gathering write to hand its frames back. */
    private static final long WRITE_DONE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The queue bounds and the policy when they are reached. */
    record Limits(long maxBytes, int maxMessages, OutboundPolicy policy, long timeoutMs) {
        static Limits of(TransportSettings s) {
            return new Limits(s.outboundQueueBytes(), s.outboundQueueMessages(), s.outboundPolicy(), s.outboundTimeoutMs());
        }
    }

    /** @param bytesOut adds every byte written (the transport's total) */
    Outbound(GatheringByteChannel channel, Limits limits, Wakeup wakeup, java.util.concurrent.atomic.LongAdder bytesOut) {
        this.bytesOut = bytesOut;
        this.channel = channel;
        this.limits = limits;
        this.wakeup = wakeup;
    }

    void limits(Limits next) {
        limits = next;
    }

    /**
     * Queues one encoded line and writes what the socket takes now. Never blocks, except under the
     * timeout policy for at most its timeout.
     *
     * @param line    the line: its remaining bytes (as {@link Transport#encode} makes it), which are
     *                also what the queue's byte count adds
     * @param evicted receives requests that drop_oldest removed to make room (their senders must
     *                be answered); may be null when the caller cannot answer them
     */
    Offer offer(Message message, ByteBuffer line, List<Message> evicted) {
        Frame frame = new Frame(message, line);
        int length = line.remaining();
        Limits l = limits;
        long deadline = 0;
        boolean waited = false;
        while (true) {
            boolean flushToMakeRoom = false;
            synchronized (this) {
                if (closed) {
                    if (waited) {
                        dropped++;
                        return Offer.DROPPED;
                    }
                    return Offer.CLOSED;
                }
                boolean room = fits(length, l) || (l.policy() != OutboundPolicy.timeout && makeRoom(length, l, evicted));
                if (room) {
                    queue.addLast(frame);
                    queuedBytes += length;
                    maxQueuedBytes = Math.max(maxQueuedBytes, queuedBytes);
                    if (writing || socketFull) {
                        return Offer.WRITTEN_OR_QUEUED;
                    }
                    writing = true;
                    break;
                }
                if (l.policy() != OutboundPolicy.timeout) {
                    dropped++;
                    return Offer.DROPPED;
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + TimeUnit.MILLISECONDS.toNanos(l.timeoutMs());
                }
                long left = deadline - now;
                if (left <= 0) {
                    dropped++;
                    return Offer.DROPPED;
                }
                waited = true;
                if (socketFull && !writing) {
                    // The caller may be the very loop that would flush on writability: write ourselves.
                    socketFull = false;
                    writing = true;
                    flushToMakeRoom = true;
                } else if (!timedWait(Math.min(left, SELF_FLUSH_PAUSE_NANOS))) {
                    dropped++;
                    return Offer.DROPPED;
                }
            }
            if (flushToMakeRoom) {
                flush();
                synchronized (this) {
                    if (socketFull && !closed && !timedWait(SELF_FLUSH_PAUSE_NANOS)) {
                        dropped++;
                        return Offer.DROPPED;
                    }
                }
            }
        }
        flush();
        return Offer.WRITTEN_OR_QUEUED;
    }

    /** How long a timeout-policy waiter sleeps between its own write attempts (notified earlier by any write). */
    private static final long SELF_FLUSH_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** Lock held. Waits up to {@code nanos} on this monitor; false when interrupted. */
    private boolean timedWait(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lock held. One line always fits an empty queue, however long, so no size limit can starve a peer. */
    private boolean fits(int length, Limits l) {
        return queue.isEmpty() || (queue.size() < l.maxMessages() && queuedBytes + length <= l.maxBytes());
    }

    /** Lock held. Applies the policy; true when there is room now. */
    private boolean makeRoom(int length, Limits l, List<Message> evicted) {
        switch (l.policy()) {
            case drop_oldest:
                while (!fits(length, l)) {
                    Frame oldest = oldestDroppable();
                    // A gathering write in progress (non-blocking: microseconds) holds its frames: wait
                    // for it to hand them back, they may be droppable then.
                    if (oldest == null && inFlight > 0 && waitFor(() -> inFlight == 0, WRITE_DONE_WAIT_NANOS)) {
                        continue;
                    }
                    if (oldest == null) {
                        return false;
                    }
                    queuedBytes -= oldest.bytes.capacity();
                    dropped++;
                    if (evicted != null) {
                        evicted.add(oldest.message);
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /**
     * Lock held. Waits on this queue's monitor (notified after every write and at close) until
     * {@code condition} holds; false when it did not within the timeout, the queue closed, or this
     * thread was interrupted.
     */
    private boolean waitFor(BooleanSupplier condition, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!condition.getAsBoolean() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    /** Lock held. Removes and returns the oldest frame whose writing has not started, or null. */
    private Frame oldestDroppable() {
        int skip = inFlight;
        for (Iterator<Frame> it = queue.iterator(); it.hasNext();) {
            Frame f = it.next();
            if (skip > 0) {
                skip--;
                continue;
            }
            if (f.bytes.position() == 0) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    /** Called by the connection's thread when the socket is writable again. */
    void flushWhenWritable() {
        synchronized (this) {
            if (!socketFull || writing || closed) {
                return;
            }
            socketFull = false;
            writing = true;
        }
        flush();
    }

    /** The caller set {@code writing}. Writes until the queue is empty or the socket is full. */
    private void flush() {
        while (true) {
            int n = 0;
            long attempted = 0;
            synchronized (this) {
                for (Frame f : queue) {
                    if (n == GATHER) {
                        break;
                    }
                    gather[n++] = f.bytes;
                    attempted += f.bytes.remaining();
                }
                inFlight = n;
                if (n == 0 || closed) {
                    inFlight = 0;
                    writing = false;
                    return;
                }
            }
            long count;
            try {
                count = channel.write(gather, 0, n);
                bytesOut.add(count);
            } catch (IOException e) {
                fail(e);
                return;
            }
            boolean full = count < attempted;
            boolean resumeReading = false;
            synchronized (this) {
                inFlight = 0;
                Frame head;
                while ((head = queue.peekFirst()) != null && !head.bytes.hasRemaining()) {
                    queue.pollFirst();
                    queuedBytes -= head.bytes.capacity();
                }
                java.util.Arrays.fill(gather, 0, n, null);
                notifyAll(); // room for waiters of the timeout policy; drop_oldest waits for the gathered frames
                if (readingPaused && queuedBytes <= limits.maxBytes() / 4) {
                    readingPaused = false;
                    resumeReading = true;
                }
                if (full) {
                    socketFull = true;
                    writing = false;
                }
            }
            if (full || resumeReading) {
                wakeup.wake(); // the connection's thread waits for writability, or may read again
            }
            if (full) {
                return;
            }
        }
    }

    private void fail(IOException e) {
        synchronized (this) {
            failure = e;
            closed = true;
            writing = false;
            inFlight = 0;
            queue.clear();
            queuedBytes = 0;
            notifyAll();
        }
        wakeup.wake(); // the connection's thread closes the connection
    }

    /** Stops accepting lines; returns the requests that were queued and never written (to be answered). */
    List<Message> close() {
        List<Message> unsent = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Frame f : queue) {
                unsent.add(f.message);
            }
            queue.clear();
            queuedBytes = 0;
            notifyAll();
        }
        return unsent;
    }

    synchronized IOException failure() {
        return failure;
    }

    synchronized boolean socketFull() {
        return socketFull;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    synchronized int queuedMessages() {
        return queue.size();
    }

    /** The most bytes ever queued at once. */
    synchronized long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    synchronized long droppedMessages() {
        return dropped;
    }

    /**
     * Connection thread: true when reading from the peer must pause, because more than half the
     * byte bound waits for it (a peer that does not read its answers is not given more work).
     * Once paused, reading resumes when the queue is down to a quarter (the writer wakes the thread).
     */
    synchronized boolean readingPaused() {
        if (!readingPaused && queuedBytes > limits.maxBytes() / 2) {
            readingPaused = true;
        }
        return readingPaused && !closed;
    }
}
