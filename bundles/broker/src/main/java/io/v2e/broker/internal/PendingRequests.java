package io.v2e.broker.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;

/**
 * Requesters waiting for an answer, by correlation id, each with its timeout. Every waiting future
 * is completed exactly once: by its answer, by its timeout, or by {@link #failAll} at stop.
 * <p>
 * An answer from outside the broker completes a request only when it comes from the endpoint the
 * request was sent to (its {@code source} is the request's {@code target}; the transport and the
 * process supervisor stamp {@code source} from the connection, never from the line), so a guessed
 * correlation id is worth nothing.
 * <p>
 * Threading: any thread; the timeouts run on the broker's timer thread.
 */
final class PendingRequests {

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong correlationIds = new AtomicLong();
    private final String idPrefix;

    /** @param timer the broker's timer; once it is shut down, a new request is answered "broker is stopping" */
    PendingRequests(String idPrefix, ScheduledThreadPoolExecutor timer) {
        this.idPrefix = idPrefix;
        this.timer = timer;
    }

    /** A waiting request: the message to send (with a correlation id) and the future its answer completes. */
    record Waiting(Message request, CompletableFuture<Message> answer, boolean registered) {
    }

    /**
     * Registers a requester for {@code request}, giving it a fresh correlation id when it has none.
     * When it cannot wait (its id is taken, or the broker stopped), the future is already completed
     * with an error and {@code registered} is false: the request must not be sent.
     */
    Waiting register(Message request, long timeoutMillis) {
        Message m = request;
        if (m.correlationId() == null || m.correlationId().isEmpty()) {
            m = m.withCorrelationId(idPrefix + correlationIds.incrementAndGet());
        }
        Pending p = new Pending(m);
        String corr = m.correlationId();
        if (pending.putIfAbsent(corr, p) != null) {
            p.future.complete(m.errorReply(Broker.BROKER_TARGET, "correlation id '" + corr
                    + "' is already waiting for an answer"));
            return new Waiting(m, p.future, false);
        }
        Message timedOut = m;
        try {
            p.timeout = timer.schedule(() -> {
                if (pending.remove(corr, p)) {
                    p.future.complete(timedOut.errorReply(Broker.BROKER_TARGET, "timeout after " + timeoutMillis + " ms"));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // the broker has stopped: its timer is gone
            pending.remove(corr, p);
            p.complete(m.errorReply(Broker.BROKER_TARGET, "broker is stopping"));
            return new Waiting(m, p.future, false);
        }
        return new Waiting(m, p.future, true);
    }

    /** What an answer did to the requesters. */
    enum Completion {
        /** It completed the requester waiting for its correlation id. */
        COMPLETED,
        /** Nobody waits for its correlation id. */
        NOT_WAITING,
        /** A requester waits, but the answer is not from the endpoint its request went to: left waiting. */
        FORGED
    }

    /** An answer the broker made itself (its own errors, an in-container handler's result): no check. */
    boolean complete(Message answer) {
        String corr = answer.correlationId();
        Pending p = corr == null ? null : pending.remove(corr);
        if (p == null) {
            return false;
        }
        p.complete(answer);
        return true;
    }

    /** An answer sent to the broker: completes its requester only when its source is the request's target. */
    Completion completeFromSender(Message answer) {
        String corr = answer.correlationId();
        Pending p = corr == null ? null : pending.get(corr);
        if (p == null) {
            return Completion.NOT_WAITING;
        }
        String askedOf = p.request.target();
        if (askedOf == null || !askedOf.equals(answer.source())) {
            return Completion.FORGED;
        }
        if (!pending.remove(corr, p)) {
            return Completion.NOT_WAITING; // answered or timed out meanwhile
        }
        p.complete(answer);
        return Completion.COMPLETED;
    }

    /** A request registered but not sent (the broker stopped meanwhile) is answered with {@code error}. */
    void abandon(Waiting w, String error) {
        Pending p = pending.get(w.request().correlationId());
        if (p != null && p.future == w.answer() && pending.remove(w.request().correlationId(), p)) {
            p.complete(w.request().errorReply(Broker.BROKER_TARGET, error));
        }
    }

    /** At stop (the timer shut down first): answers every requester still waiting with {@code error}. */
    void failAll(String error) {
        for (Pending p : pending.values()) {
            if (pending.remove(p.request.correlationId(), p)) {
                p.complete(p.request.errorReply(Broker.BROKER_TARGET, error));
            }
        }
    }

    private static final class Pending {
        final Message request;
        final CompletableFuture<Message> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Pending(Message request) {
            this.request = request;
        }

        void complete(Message answer) {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            future.complete(answer);
        }
    }
}
