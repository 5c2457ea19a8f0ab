package io.v2e.broker.internal;

import java.util.concurrent.ConcurrentHashMap;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.RemoteEndpoint;

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
    /** An endpoint on another host: any endpoint of this container beats it. */
    final boolean remote;
    final ConcurrentHashMap<String, Message> awaiting;

    Binding(Endpoint endpoint, int ranking, long serviceId) {
        this.endpoint = endpoint;
        this.ranking = ranking;
        this.serviceId = serviceId;
        this.remote = endpoint instanceof RemoteEndpoint;
        this.answersLater = remote || endpoint.answersLater();
        this.awaiting = answersLater ? new ConcurrentHashMap<>() : null;
    }

    /** Local before remote, then OSGi order: higher ranking first, then lower service id. */
    boolean beats(Binding other) {
        if (other == null) {
            return true;
        }
        if (remote != other.remote) {
            return other.remote;
        }
        return ranking > other.ranking || (ranking == other.ranking && serviceId < other.serviceId);
    }

    /** The host answering for a remote endpoint, else null. */
    String host() {
        return remote ? ((RemoteEndpoint) endpoint).host() : null;
    }
}
