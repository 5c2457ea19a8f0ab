package io.v2e.broker.internal;

import java.util.concurrent.atomic.LongAdder;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/**
 * Where answers go: to a waiting requester first, then to the endpoint their target names; and the
 * error answers of requests and events that failed. Answers are never answered themselves (no
 * error loops): one that reaches nobody is counted as unroutable.
 * <p>
 * Threading: any thread.
 */
final class Answers {

    private final BrokerState state;
    private final PendingRequests pending;
    private final EndpointTable table;
    private final LongAdder unroutable = new LongAdder();

    Answers(BrokerState state, PendingRequests pending, EndpointTable table) {
        this.state = state;
        this.pending = pending;
        this.table = table;
    }

    /** Routes a RESPONSE or ERROR; never limited by queue capacity. */
    SendResult route(Message answer) {
        if (answer.correlationId() != null) {
            Route source = table.route(answer.source());
            Binding sb = source == null ? null : source.binding;
            if (sb != null && sb.answersLater) {
                sb.awaiting.remove(answer.correlationId());
            }
            if (pending.complete(answer)) {
                return SendResult.ACCEPTED;
            }
        }
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
            route(failed.errorReply(from, error));
        }
    }

    long unroutable() {
        return unroutable.sum();
    }
}
