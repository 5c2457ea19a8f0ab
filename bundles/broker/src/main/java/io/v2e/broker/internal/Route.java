package io.v2e.broker.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jctools.queues.MpscGrowableArrayQueue;

import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;

/**
 * Everything the broker keeps for one endpoint name: its queue, the endpoint holding the name now,
 * and its counters. A route lives as long as the broker, so a name that comes back keeps its
 * queue, worker and order.
 * <p>
 * Threading: any thread offers to {@link #queue}; exactly one worker at a time polls it (the one
 * whose route list holds it; a route only moves while no worker runs). The AtomicLong counters
 * have that worker as their only writer (lazySet, no read-modify-write contention).
 */
final class Route {

    /** The physical bound of a queue: twice the largest logical capacity, room for drop_oldest. */
    static final int PHYSICAL_CAPACITY = 2 * BrokerSettings.MAX_QUEUE_CAPACITY;

    final String name;
    final MpscGrowableArrayQueue<Message> queue = new MpscGrowableArrayQueue<>(1024, PHYSICAL_CAPACITY);
    /** Null while no endpoint holds the name. */
    volatile Binding binding;
    /**
     * Producers' cached copy of the queue's consumer index (racy on purpose: it only grows, and a
     * stale value just makes a producer read the real index).
     */
    long consumedCache;
    /** Index of the worker serving this route (informational; the worker's route list is the truth). */
    volatile int worker = -1;
    /** The worker serving this route (set when a worker takes it), for producers to wake it. */
    volatile Worker server;

    final AtomicLong taken = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    /** Drops decided by the worker (drop_oldest). */
    final AtomicLong workerDrops = new AtomicLong();
    /** Drops decided by producers (drop, timeout, a full physical queue). */
    final LongAdder producerDrops = new LongAdder();
    final LatencyStats latency = new LatencyStats();

    Route(String name) {
        this.name = name;
    }

    /** Any producer, after a successful offer: wakes the serving worker if it sleeps (idle_strategy wake). */
    void wakeServer() {
        Worker w = server;
        if (w != null) {
            w.wake();
        }
    }

    /** Worker-only increment of a single-writer counter. */
    static void bump(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }

    EndpointKind kind() {
        Binding b = binding;
        if (b == null) {
            return EndpointKind.ABSENT;
        }
        if (b.endpoint instanceof BrokerRpc) {
            return EndpointKind.BROKER;
        }
        if (b.remote) {
            return EndpointKind.REMOTE;
        }
        return b.answersLater ? EndpointKind.EXTERNAL : EndpointKind.INTERNAL;
    }
}
