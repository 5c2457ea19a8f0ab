package io.v2e.broker.internal;

import io.v2e.config.internal.TypedConfig;

import java.util.Map;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.tuning.api.TuningProvider;

/**
 * The implementation behind {@code io.v2e.broker.embedded.EmbeddedBroker} (this package is not
 * exported; the embedded package is the public face). Validates configuration maps exactly as the
 * DS component does.
 */
public final class EmbeddedRouter {

    private final Router router;

    private EmbeddedRouter(Router router) {
        this.router = router;
    }

    /** @throws IllegalArgumentException naming the first bad setting */
    public static EmbeddedRouter start(Map<String, ?> config, TuningProvider provider, String threadPrefix) {
        return new EmbeddedRouter(new Router(settings(config), provider, threadPrefix));
    }

    /** TypedConfig refuses a bad value as ConfigCheck does (naming key, value and what is accepted). */
    private static BrokerSettings settings(Map<String, ?> config) {
        return BrokerSettings.of(TypedConfig.of(BrokerConfig.class, config));
    }

    public Broker broker() {
        return router;
    }

    public void addEndpoint(String name, Endpoint endpoint, int ranking, long serviceId) {
        router.addEndpoint(name, endpoint, ranking, serviceId);
    }

    public void removeEndpoint(String name, Endpoint endpoint, long serviceId) {
        router.removeEndpoint(name, endpoint, serviceId);
    }

    public void configure(Map<String, ?> config) {
        router.configure(settings(config));
    }

    public void providerBound(TuningProvider p) {
        router.providerBound(p);
    }

    public void providerUnbound(TuningProvider p) {
        router.providerUnbound(p);
    }

    public boolean awaitPlanApplied(long timeoutNanos) {
        return router.awaitPlanApplied(timeoutNanos);
    }

    public Thread[] workerThreads() {
        return router.workers();
    }

    public WorkersReport workers() {
        return new BrokerRpc(router, new RpcExtensions()).workers();
    }

    public void stop() {
        router.stop();
    }
}
