package io.v2e.nats.internal;

import io.v2e.broker.api.Endpoint;

/** Registers a (remote) endpoint under a name with the broker; the returned action unregisters it. */
interface EndpointRegistrar {

    /** Service property the bridge sets on its own registrations, so it never exports them again. */
    String REMOTE_PROPERTY = "v2e.nats.remote";

    Runnable register(String name, Endpoint endpoint);
}
