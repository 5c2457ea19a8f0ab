package io.v2e.broker.internal;

import java.util.concurrent.atomic.LongAdder;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/**
 * Where answers go: to a waiting requester first, then to the endpoint their target names; and the
 * error answers of requests and events that failed. Answers are never answered themselves (no
 * error loops): one that reaches nobody is counted as unroutable. An answer sent to the broker for a
 * waiting request by anyone but the endpoint that request went to is refused and counted as forged
 * (the requester keeps waiting for the real one); the broker's own answers need no such check.
 * <p>
 * Threading: any thread.
 */
final class Answers {

    private final BrokerState state;
    private final PendingRequests pending;
    private final EndpointTable table;
    private final LongAdder unroutable = new LongAdder();
    private final LongAdder forged = new LongAdder();

    Answers(BrokerState state, PendingRequests pending, EndpointTable table) {
        this.state = state;
        this.pending = pending;
        this.table = table;
    }

    /**
     * Routes a RESPONSE or ERROR someone sent to the broker; never limited by queue capacity.
     * REFUSED when it answers a waiting request that was not sent to its source.
     */
    SendResult route(Message answer) {
        if (answer.correlationId() != null) {
            PendingRequests.Completion c = pending.completeFromSender(answer);
            if (c == PendingRequests.Completion.FORGED) {
                forged.increment();
                return SendResult.REFUSED;
            }
            forgetAwaiting(answer);
            if (c == PendingRequests.Completion.COMPLETED) {
                return SendResult.ACCEPTED;
            }
        }
        return routeByTarget(answer);
    }

    /** Routes a RESPONSE or ERROR the broker made itself (a handler's result, its own errors). */
    SendResult routeOwn(Message answer) {
        if (answer.correlationId() != null) {
            forgetAwaiting(answer);
            if (pending.complete(answer)) {
                return SendResult.ACCEPTED;
            }
        }
        return routeByTarget(answer);
    }

    /** The answering endpoint, if it answers later, no longer holds this request. */
    private void forgetAwaiting(Message answer) {
        Route source = table.route(answer.source());
        Binding sb = source == null ? null : source.binding;
        if (sb != null && sb.answersLater) {
            sb.awaiting.remove(answer.correlationId());
        }
    }

    private SendResult routeByTarget(Message answer) {
        Route route = table.route(answer.target());
        if (route == null || route.binding == null || state.stopped()) {
            unroutable.increment();
            return SendResult.UNROUTABLE;
        }
        return Admission.offerAnswer(route, answer);
    }

    /** Answers a failed request or event with an ERROR from {@code from} to its source; answers are not answered. */
    void fail(Message failed, String from, String error) {
        if (!failed.type().isAnswer()) {
            routeOwn(failed.errorReply(from, error));
        }
    }

    long unroutable() {
        return unroutable.sum();
    }

    long forged() {
        return forged.sum();
    }
}
