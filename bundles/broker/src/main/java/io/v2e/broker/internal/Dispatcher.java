package io.v2e.broker.internal;

import org.jctools.queues.MpscGrowableArrayQueue;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * The worker side of delivery: takes a batch from one route's queue and runs the bound endpoint's
 * handler for each message, answering requests (the handler's result, its exception, or the
 * endpoint's absence) and recording the batch's latencies.
 * <p>
 * Threading: called only by the worker serving the route; allocates nothing per message beyond
 * what the handler and the answer need.
 */
final class Dispatcher {

    private final BrokerState state;
    private final Answers answers;

    Dispatcher(BrokerState state, Answers answers) {
        this.state = state;
        this.answers = answers;
    }

    /**
     * Delivers up to {@code max} messages of one route; returns how many it took. Stops early once
     * the worker is asked to stop, so a stop leaves the rest queued.
     */
    int drain(Worker worker, Route route, int max) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        Message m = q.relaxedPoll();
        if (m == null) {
            return 0;
        }
        long[] queued = worker.queuedNanos;
        long[] handled = worker.handledNanos;
        // One configuration per batch: a live change applies from the next batch (at most BATCH messages later).
        BrokerSettings s = state.settings();
        int n = 0;
        long now = System.nanoTime();
        do {
            now = deliver(route, m, s, now, queued, handled, n);
            n++;
        } while (n < max && worker.running() && (m = q.relaxedPoll()) != null);
        route.latency.recordBatch(queued, handled, n);
        return n;
    }

    /**
     * Delivers one message whose turn started at {@code start} (the end of the previous one, so a
     * message costs one clock read here); notes its latencies at index {@code i} and returns when it
     * was done.
     */
    private long deliver(Route route, Message m, BrokerSettings s, long start, long[] queued, long[] handled, int i) {
        Route.bump(route.taken);
        handled[i] = -1;
        if (s.offerPolicy() == OfferPolicy.drop_oldest && route.queue.size() >= s.queueCapacity()
                && !m.type().isAnswer()) {
            queued[i] = -1;
            Route.bump(route.workerDrops);
            answers.fail(m, Broker.BROKER_TARGET, Admission.dropped(route, OfferPolicy.drop_oldest, s.queueCapacity()));
            return System.nanoTime();
        }
        queued[i] = Math.max(0, start - AcceptanceStamp.acceptedAt(m));
        Binding b = route.binding;
        if (b == null) {
            Route.bump(route.errors);
            answers.fail(m, route.name, "endpoint '" + route.name + "' went away");
            return System.nanoTime();
        }
        String corr = m.correlationId();
        boolean tracked = b.answersLater && m.type() == MessageType.REQUEST && corr != null;
        if (tracked) {
            b.awaiting.put(corr, m);
        }
        String result;
        try {
            result = b.endpoint.handle(m);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            handled[i] = System.nanoTime() - start;
            Route.bump(route.errors);
            if (tracked) {
                b.awaiting.remove(corr);
            }
            answers.fail(m, route.name, t.getMessage() != null ? t.getMessage() : t.getClass().getName());
            return System.nanoTime();
        }
        long end = System.nanoTime();
        handled[i] = end - start;
        Route.bump(route.delivered);
        if (m.type() == MessageType.REQUEST && !b.answersLater) {
            answers.routeOwn(m.response(result));
            return System.nanoTime();
        }
        return end;
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }
}
