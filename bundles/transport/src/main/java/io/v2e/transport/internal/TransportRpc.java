package io.v2e.transport.internal;

import java.util.function.Supplier;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;

/**
 * The transport's own RPCs, as the broker endpoint {@value #NAME}: {@value #GET_THREADS} answers
 * the I/O threads' report ({@link TransportThreads}) as JSON, so any client sees what
 * {@code transport:threads} shows ({@code v2e-client request transport RPCGetTransportThreads '{}'});
 * {@value #GET_STATS} answers the counters and the policy's state ({@link TransportStats}).
 * Threading: broker workers; reads only immutable reports.
 */
final class TransportRpc implements Endpoint {

    static final String NAME = "transport";
    static final String GET_THREADS = "RPCGetTransportThreads";
    static final String GET_STATS = "RPCGetTransportStats";

    private final Supplier<TransportThreads> threads;
    private final Supplier<String> stats;

    TransportRpc(Supplier<TransportThreads> threads, Supplier<String> stats) {
        this.threads = threads;
        this.stats = stats;
    }

    @Override
    public String handle(Message message) {
        if (GET_THREADS.equals(message.id())) {
            return threads.get().toJson();
        }
        if (GET_STATS.equals(message.id())) {
            return stats.get();
        }
        throw new IllegalArgumentException("unknown method '" + message.id() + "' of endpoint '" + NAME + "' (known: "
                + GET_THREADS + ", " + GET_STATS + ")");
    }

    @Override
    public String toString() {
        return "the transport's RPCs";
    }
}
