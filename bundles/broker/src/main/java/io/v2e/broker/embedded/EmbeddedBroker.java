package io.v2e.broker.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.SendResult;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.broker.internal.EmbeddedRouter;
import io.v2e.tuning.api.TuningProvider;

/**
 * The real broker started without OSGi. Its configuration is a map with the keys and values of
 * {@code etc/io.v2e.broker.cfg} ({@code workers}, {@code nice}, {@code offer_policy}, ...; absent keys
 * take the shipped defaults), validated as the container validates them. Endpoints are registered
 * the way the container binds endpoint services.
 * <p>
 * Threading: every {@link Broker} method from any thread; {@link #register}, {@link #configure},
 * {@link #provider} and {@link #close} serialise inside the broker.
 */
public final class EmbeddedBroker implements Broker, AutoCloseable {

    private final EmbeddedRouter router;
    /** The router itself, so a send through this class costs one call more than the container's. */
    private final Broker broker;
    private final AtomicLong serviceIds = new AtomicLong(1_000_000);

    private EmbeddedBroker(EmbeddedRouter router) {
        this.router = router;
        this.broker = router.broker();
    }

    /**
     * Starts a broker.
     *
     * @param config       settings as in etc/io.v2e.broker.cfg (values as text or as numbers)
     * @param provider     the tuning provider for its workers, or null for none
     * @param threadPrefix prefix of its thread names (e.g. {@code "bench-"})
     * @throws IllegalArgumentException naming the first bad setting
     */
    public static EmbeddedBroker start(Map<String, ?> config, TuningProvider provider, String threadPrefix) {
        return new EmbeddedBroker(EmbeddedRouter.start(config, provider, threadPrefix));
    }

    /** A registered endpoint; closing it unregisters it (requests it holds are answered "went away"). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers an endpoint under a name with ranking 0, as a service registered now would be. */
    public Registration register(String name, Endpoint endpoint) {
        return register(name, endpoint, 0);
    }

    /** As {@link #register(String, Endpoint)}; of several endpoints of one name the highest ranking receives. */
    public Registration register(String name, Endpoint endpoint, int ranking) {
        long id = serviceIds.incrementAndGet();
        router.addEndpoint(name, endpoint, ranking, id);
        return () -> router.removeEndpoint(name, endpoint, id);
    }

    /** Applies new settings live (same keys as {@link #start}); a bad map changes nothing and throws. */
    public void configure(Map<String, ?> config) {
        router.configure(config);
    }

    /** Tunes the workers with another provider (each undoes the old one's settings first). */
    public void provider(TuningProvider next) {
        router.providerBound(next);
    }

    /** The provider is going away: returns once no worker holds its settings (bounded wait). */
    public void providerGone(TuningProvider gone) {
        router.providerUnbound(gone);
    }

    /** Waits until every worker applied the current tuning; false on timeout. */
    public boolean awaitTuned(Duration timeout) {
        return router.awaitPlanApplied(timeout.toNanos());
    }

    /** The worker threads (e.g. for per-thread CPU or allocation counters). */
    public Thread[] workerThreads() {
        return router.workerThreads();
    }

    /** What RPCGetWorkers answers: each worker's tuning as set, as read back, and as /proc shows it. */
    public WorkersReport workers() {
        return router.workers();
    }

    @Override
    public SendResult send(Message message) {
        return broker.send(message);
    }

    @Override
    public CompletableFuture<Message> request(Message request) {
        return broker.request(request);
    }

    @Override
    public CompletableFuture<Message> request(Message request, long timeoutMillis) {
        return broker.request(request, timeoutMillis);
    }

    @Override
    public BrokerStats stats() {
        return broker.stats();
    }

    @Override
    public RecentLatency recentLatency() {
        return broker.recentLatency();
    }

    @Override
    public EndpointKind endpointKind(String name) {
        return broker.endpointKind(name);
    }

    /** Graceful stop: queued messages are delivered for up to drain_timeout_ms, the rest answered with errors. */
    @Override
    public void close() {
        router.stop();
    }
}
