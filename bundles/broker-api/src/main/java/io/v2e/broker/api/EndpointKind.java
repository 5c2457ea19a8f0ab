package io.v2e.broker.api;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who holds an endpoint name now; on the wire (RPCs) the lower-case name. */
public enum EndpointKind {
    /** A whiteboard {@link Endpoint} service inside the container that answers by returning. */
    INTERNAL,
    /** An endpoint that {@link Endpoint#answersLater() answers later}, e.g. another process's connection. */
    EXTERNAL,
    /** The broker's own RPCs (target {@value Broker#BROKER_TARGET}). */
    BROKER,
    /**
     * An endpoint on another host, reached through a bridge (a {@link RemoteEndpoint}, e.g. over NATS);
     * any endpoint of this container holding the same name wins over it.
     */
    REMOTE,
    /** Nobody: the name had an endpoint once (its queue and counters stay) or never had one. */
    ABSENT;

    /** The name used on the wire and in the shell. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for a name held inside the container (by a service or by the broker itself). */
    public boolean isInContainer() {
        return this == INTERNAL || this == BROKER;
    }

    /** @throws IllegalArgumentException for a name that is none of the kinds */
    @JsonCreator
    public static EndpointKind ofWireName(String name) {
        for (EndpointKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown endpoint kind '" + name + "'");
    }
}
