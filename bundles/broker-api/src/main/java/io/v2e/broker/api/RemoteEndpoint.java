package io.v2e.broker.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An {@link Endpoint} that stands for an endpoint on another host, reached through a bridge (the NATS
 * bridge registers one per name and per {@code name@host}). The broker lists it as
 * {@link EndpointKind#REMOTE} with its {@link #host()}, and binds it to a name only while no endpoint
 * of this container offers that name, whatever the rankings. It always answers later.
 * <p>
 * Threading: as {@link Endpoint}; {@link #host()} may be called from any thread.
 */
@ConsumerType
public interface RemoteEndpoint extends Endpoint {

    /** The host (or hosts, comma-separated, for a name served by several) that answers; changes as hosts come and go. */
    String host();

    /** A remote endpoint answers through the broker when its host answers. */
    @Override
    default boolean answersLater() {
        return true;
    }
}
