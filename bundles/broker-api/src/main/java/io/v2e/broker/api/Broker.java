package io.v2e.broker.api;

import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Routes messages by {@code target} to {@link Endpoint} services, to the broker's own RPCs
 * (target {@value #BROKER_TARGET}), or to a waiting {@link #request requester}.
 * <p>
 * Threading: every method may be called from any thread, including from inside a handler.
 * Messages to one target are delivered in the order this service accepted them.
 */
@ProviderType
public interface Broker {

    /** The target name of the broker's own RPCs. */
    String BROKER_TARGET = "broker";

    /**
     * Accepts a message for delivery and returns at once (fire and forget; under the {@code block}
     * offer policy it waits for room in the target's queue). A request or event that cannot be
     * delivered is answered to its source with an ERROR carrying its id and correlation id.
     */
    SendResult send(Message message);

    /**
     * Sends a REQUEST and completes with its answer: the RESPONSE, or an ERROR (unknown target,
     * handler failure, drop, endpoint gone, or "timeout after N ms" after the configured default
     * request timeout). The future never completes exceptionally. A request without a
     * correlation id gets a fresh one.
     * <p>
     * The future is usually completed on a broker worker: a dependent stage attached without an
     * executor runs there and delays that worker's other endpoints, so attach slow work with the
     * {@code *Async} variants.
     */
    CompletableFuture<Message> request(Message request);

    /** As {@link #request(Message)}, with its own timeout in milliseconds (> 0). */
    CompletableFuture<Message> request(Message request, long timeoutMillis);

    /** Counters and latency percentiles since start, totals and per endpoint. */
    BrokerStats stats();

    /** Latency percentiles over the last few seconds (see {@link RecentLatency}), totals and per endpoint. */
    RecentLatency recentLatency();

    /**
     * Who holds {@code name} now ({@link EndpointKind#ABSENT} for a name nobody holds), without
     * taking a snapshot of every endpoint's counters.
     */
    EndpointKind endpointKind(String name);
}
