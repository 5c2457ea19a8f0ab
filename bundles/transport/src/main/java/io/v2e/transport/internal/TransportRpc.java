package io.v2e.transport.internal;

import java.util.function.Supplier;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;

/**
 * The transport's own RPCs, as the broker endpoint {@value #NAME}: {@value #GET_THREADS} answers
 * the I/O threads' report ({@link TransportThreads}) as JSON, so any client sees what
 * {@code transport:threads} shows ({@code v2e-client request transport RPCGetTransportThreads '{}'}).
 * Threading: broker workers; reads only immutable reports.
 */
final class TransportRpc implements Endpoint {

    static final String NAME = "transport";
    static final String GET_THREADS = "RPCGetTransportThreads";

    private final Supplier<TransportThreads> threads;

    TransportRpc(Supplier<TransportThreads> threads) {
        this.threads = threads;
    }

    @Override
    public String handle(Message message) {
        if (GET_THREADS.equals(message.id())) {
            return threads.get().toJson();
        }
        throw new IllegalArgumentException("unknown method '" + message.id() + "' of endpoint '" + NAME + "' (known: "
                + GET_THREADS + ")");
    }

    @Override
    public String toString() {
        return "the transport's RPCs";
    }
}
