package io.v2e.broker.internal;

import java.util.concurrent.ConcurrentHashMap;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;

/**
 * The endpoint service currently holding a name. Immutable except {@link #awaiting}: for an
 * endpoint that answers later, the requests delivered to it and not yet answered, by correlation id
 * (written by its worker and by whoever routes the answers).
 */
final class Binding {

    final Endpoint endpoint;
    final int ranking;
    final long serviceId;
    final boolean answersLater;
    final ConcurrentHashMap<String, Message> awaiting;

    Binding(Endpoint endpoint, int ranking, long serviceId) {
        this.endpoint = endpoint;
        this.ranking = ranking;
        this.serviceId = serviceId;
        this.answersLater = endpoint.answersLater();
        this.awaiting = answersLater ? new ConcurrentHashMap<>() : null;
    }

    /** OSGi order: higher ranking first, then lower service id. */
    boolean beats(Binding other) {
        return other == null || ranking > other.ranking || (ranking == other.ranking && serviceId < other.serviceId);
    }
}
