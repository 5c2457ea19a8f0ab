package io.v2e.broker.api;

import java.util.List;

/**
 * A snapshot of the broker's counters.
 *
 * @param received     all messages accepted or dropped, over all endpoints
 * @param delivered    all messages handlers completed
 * @param errors       all handler errors and messages that found their endpoint gone
 * @param drops        all messages dropped by the offer policy
 * @param queueDepth   all messages waiting now
 * @param unknownTarget messages sent to a name no endpoint held
 * @param unroutable   answers that matched no requester and no endpoint
 * @param endpoints    per endpoint name, sorted by name
 * @param forgedAnswers answers to a waiting request from someone it was not delivered to, refused
 *                     ({@link SendResult#REFUSED}; since 2.3)
 */
public record BrokerStats(long received, long delivered, long errors, long drops, long queueDepth,
        long unknownTarget, long unroutable, List<EndpointStats> endpoints, long forgedAnswers) {

    public BrokerStats {
        endpoints = List.copyOf(endpoints);
    }

    /** The counters of a 2.2 broker: no forged answers counted. */
    public BrokerStats(long received, long delivered, long errors, long drops, long queueDepth, long unknownTarget,
            long unroutable, List<EndpointStats> endpoints) {
        this(received, delivered, errors, drops, queueDepth, unknownTarget, unroutable, endpoints, 0);
    }
}
