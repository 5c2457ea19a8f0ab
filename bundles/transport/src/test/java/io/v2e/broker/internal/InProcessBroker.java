package io.v2e.broker.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.Endpoint;

/**
 * The real broker (its {@link Router}, workers and RPCs) without OSGi, for the transport's tests:
 * endpoints are added the way the broker component adds bound services.
 */
public final class InProcessBroker implements AutoCloseable {

    private final Router router;
    private final AtomicLong serviceIds = new AtomicLong(1000);

    private InProcessBroker(Router router) {
        this.router = router;
    }

    /** Two workers, no tuning provider, default queues (65536, block) and timeouts. */
    public static InProcessBroker start() {
        return new InProcessBroker(new Router(BrokerSettings.DEFAULTS.withWorkers(2), null, "tb-"));
    }

    public Broker broker() {
        return router;
    }

    /** Adds an endpoint as if its service had been registered now; returns its service id. */
    public long addEndpoint(String name, Endpoint endpoint) {
        long id = serviceIds.incrementAndGet();
        router.addEndpoint(name, endpoint, 0, id);
        return id;
    }

    public void removeEndpoint(String name, Endpoint endpoint, long serviceId) {
        router.removeEndpoint(name, endpoint, serviceId);
    }

    public BrokerStats stats() {
        return router.stats();
    }

    @Override
    public void close() {
        router.stop();
    }
}
