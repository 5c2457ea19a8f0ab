package io.v2e.broker.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.MpscGrowableArrayQueue;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/**
 * Whether a message may enter its route's queue: the size limit and the offer policy.
 * <p>
 * Threading: any producer thread; stateless apart from the routes' own racy capacity caches. A
 * worker thread never waits here (workers must not deadlock each other): under {@code block} it may
 * pass the logical capacity instead, up to the queue's physical bound.
 */
final class Admission {

    private final BrokerState state;

    Admission(BrokerState state) {
        this.state = state;
    }

    /** True when the payload is larger than {@code maxBytes} UTF-8 bytes. */
    static boolean tooLarge(String payload, int maxBytes) {
        if (payload == null || payload.length() * 3L <= maxBytes) {
            return false; // a char is at most 3 UTF-8 bytes: no need to count
        }
        return payload.length() > maxBytes || payload.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    /** The error text of a message the policy dropped. */
    static String dropped(Route route, OfferPolicy policy, int capacity) {
        return "dropped: queue of '" + route.name + "' is full (offer_policy " + policy + ", capacity " + capacity + ")";
    }

    /**
     * Offers {@code m} to the route's queue under the settings' policy, stamping its acceptance
     * time, and wakes the route's worker if it sleeps. On DROPPED the caller answers it; the drop is
     * counted here.
     */
    SendResult offer(Route route, Message m, BrokerSettings s) {
        SendResult r = enqueue(route, m, s);
        if (r == SendResult.ACCEPTED) {
            route.wakeServer();
        }
        return r;
    }

    private SendResult enqueue(Route route, Message m, BrokerSettings s) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        int capacity = s.queueCapacity();
        AcceptanceStamp.stamp(m, System.nanoTime());
        switch (s.offerPolicy()) {
            case drop_oldest:
                // The worker trims the oldest beyond capacity; producers cannot poll an MPSC queue.
                if (q.offer(m)) {
                    return SendResult.ACCEPTED;
                }
                break;
            case drop:
                if (hasRoom(route, capacity) && q.offer(m)) {
                    return SendResult.ACCEPTED;
                }
                break;
            default:
                if (hasRoom(route, capacity) && q.offer(m)) {
                    return SendResult.ACCEPTED;
                }
                if (WorkerPool.onWorkerThread()) { // checked only when full: the common path stays short
                    if (q.offer(m)) {
                        return SendResult.ACCEPTED;
                    }
                    break;
                }
                if (offerWaiting(route, m, capacity, s)) {
                    return SendResult.ACCEPTED;
                }
        }
        route.producerDrops.increment();
        return SendResult.DROPPED;
    }

    /** Answers and errors: never limited by the capacity, only by the physical bound. */
    static SendResult offerAnswer(Route route, Message answer) {
        AcceptanceStamp.stamp(answer, System.nanoTime());
        if (route.queue.offer(answer)) {
            route.wakeServer();
            return SendResult.ACCEPTED;
        }
        route.producerDrops.increment();
        return SendResult.DROPPED;
    }

    /**
     * True while the queue holds fewer than {@code capacity} messages. Reads the consumer's index
     * (a cache line the worker writes on every poll) only when the cached copy says "full".
     * Concurrent producers may each see room for the last slot: the capacity can be exceeded by
     * at most the number of producers racing for it.
     */
    private static boolean hasRoom(Route route, int capacity) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        long produced = q.currentProducerIndex();
        if (produced - route.consumedCache < capacity) {
            return true;
        }
        long consumed = q.currentConsumerIndex();
        route.consumedCache = consumed;
        return produced - consumed < capacity;
    }

    private boolean offerWaiting(Route route, Message m, int capacity, BrokerSettings s) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        boolean timed = s.offerPolicy() == OfferPolicy.timeout;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.offerTimeoutMs());
        int spins = 0;
        while (!state.stopped()) {
            if (hasRoom(route, capacity)) {
                AcceptanceStamp.stamp(m, System.nanoTime());
                if (q.offer(m)) {
                    return true;
                }
            }
            if (timed && System.nanoTime() - deadline > 0) {
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
        return false;
    }
}
