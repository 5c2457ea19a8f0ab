package io.v2e.transport.internal;

import java.util.Map;

import io.v2e.broker.api.Endpoint;

/** Publishes a connection's endpoint to the broker: as an OSGi service in the container, directly in tests. */
interface EndpointRegistrar {

    /**
     * Registers {@code endpoint} under {@code name} (service property {@value Endpoint#NAME_PROPERTY})
     * with the extra {@code properties}; returns the action that unregisters it (called once).
     */
    Runnable register(String name, Endpoint endpoint, Map<String, Object> properties);
}
