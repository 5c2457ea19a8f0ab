package io.v2e.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.process.api.KernelMetrics;
import io.v2e.process.api.PermitMethods;
import io.v2e.process.api.QuotaUpdate;

/**
 * Measures the kernel metrics each interval (the broker's recent-window p99, the fullest queue
 * against queue_capacity, workers, rates), revokes permits after consecutive breaches and tells
 * each holder with an RPCOnQuotaUpdate event, gives revoked permits back after as many healthy
 * measurements, and releases the permits of holders whose endpoint has gone (a process that died).
 * It rests while no permit is held (or held back) and nobody asked for the metrics in the last
 * minute: its measurement asks the broker RPCGetWorkers, a message an idle broker should not carry.
 * Threading: {@link #tick} on the one monitor thread; {@link #latest} from any thread.
 */
final class KernelMonitor {

    private static final Logger LOG = System.getLogger(KernelMonitor.class.getName());

    /** The limits in force (replaced as a whole on a configuration change). */
    record Limits(long p99LimitMs, int saturationLimitPercent, int consecutiveBreaches, int revokePercent) {
    }

    private final Broker broker;
    private final PermitPool pool;
    /** Measurements continue this long after the last RPCGetKernelMetrics with no permits held. */
    static final long WATCHED_NANOS = TimeUnit.MINUTES.toNanos(1);

    private volatile Limits limits;
    private volatile KernelMetrics latest;
    private volatile long askedNanos = System.nanoTime() - 2 * WATCHED_NANOS;
    private long lastNanos;
    private long lastDelivered = -1;
    private long lastErrors;
    private int breaches;
    private int healthy;

    KernelMonitor(Broker broker, PermitPool pool, Limits limits) {
        this.broker = broker;
        this.pool = pool;
        this.limits = limits;
    }

    void limits(Limits next) {
        limits = next;
    }

    /**
     * The last measurement with the pool's counts as they are now; asking keeps the monitor
     * measuring for {@link #WATCHED_NANOS} (it rests while nobody holds permits or asks, so an idle
     * container's broker carries no message of ours).
     */
    KernelMetrics latest() {
        askedNanos = System.nanoTime();
        KernelMetrics m = latest;
        if (m == null) {
            return new KernelMetrics(0, 0, 0, pool.total(), pool.allocated(), pool.available(), 0, 0);
        }
        return new KernelMetrics(m.p99LatencyMs(), m.bufferSaturation(), m.activeWorkers(), pool.total(),
                pool.allocated(), pool.available(), m.messageRate(), m.errorRate());
    }

    void tick() {
        if (pool.allocated() == 0 && pool.withheld() == 0 && System.nanoTime() - askedNanos > WATCHED_NANOS) {
            lastDelivered = -1; // rates restart from the next measurement
            return; // nothing to revoke or release, nobody watching
        }
        KernelMetrics m = measure();
        latest = m;
        Limits l = limits;
        String breach = null;
        if (m.p99LatencyMs() > l.p99LimitMs()) {
            breach = String.format("p99 latency %.1f ms exceeded %d ms", m.p99LatencyMs(), l.p99LimitMs());
        } else if (m.bufferSaturation() > l.saturationLimitPercent()) {
            breach = String.format("buffer saturation %.1f%% exceeded %d%%", m.bufferSaturation(), l.saturationLimitPercent());
        }
        if (breach != null) {
            healthy = 0;
            if (++breaches >= l.consecutiveBreaches()) {
                breaches = 0;
                revoke(breach + " " + l.consecutiveBreaches() + " times in a row", m);
            }
        } else {
            breaches = 0;
            if (pool.withheld() > 0 && ++healthy >= l.consecutiveBreaches()) {
                healthy = 0;
                LOG.log(Level.INFO, "kernel metrics healthy {0} times in a row: {1} revoked permits back in the pool",
                        l.consecutiveBreaches(), pool.withheld());
                pool.restore();
            }
        }
        for (String gone : pool.releaseGone(name -> broker.endpointKind(name) != EndpointKind.ABSENT)) {
            LOG.log(Level.INFO, "permits of {0} released: its endpoint has gone", gone);
        }
    }

    private void revoke(String reason, KernelMetrics m) {
        List<PermitPool.Revoked> revoked = pool.revoke(limits.revokePercent());
        int total = revoked.stream().mapToInt(PermitPool.Revoked::taken).sum();
        if (total == 0) {
            return;
        }
        LOG.log(Level.WARNING, "{0}: {1} permits revoked", reason, total);
        KernelMetrics now = latest();
        for (PermitPool.Revoked r : revoked) {
            broker.send(Message.event(Broker.BROKER_TARGET, r.endpoint(), PermitMethods.ON_QUOTA_UPDATE,
                    RpcJson.write(new QuotaUpdate(total, reason, now, r.providerId(), r.stillHeld()))));
        }
    }

    private KernelMetrics measure() {
        BrokerStats stats = broker.stats();
        RecentLatency recent = broker.recentLatency();
        WorkersReport workers = workers();
        int capacity = workers == null ? 0 : workers.config().queueCapacity();
        double saturation = 0;
        if (capacity > 0) {
            for (EndpointStats e : stats.endpoints()) {
                saturation = Math.max(saturation, e.queueDepth() * 100.0 / capacity);
            }
        }
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        double messageRate = lastDelivered < 0 ? 0 : (stats.delivered() - lastDelivered) / seconds;
        double errorRate = lastDelivered < 0 ? 0 : (stats.errors() - lastErrors) / seconds;
        lastNanos = now;
        lastDelivered = stats.delivered();
        lastErrors = stats.errors();
        return new KernelMetrics(recent.queueLatency().p99() / 1e6, saturation,
                workers == null ? 0 : workers.workers().size(), pool.total(), pool.allocated(), pool.available(),
                messageRate, errorRate);
    }

    /** The broker's workers and configuration (asked from this thread, never from a broker worker). */
    private WorkersReport workers() {
        try {
            Message answer = broker.request(Message.request("permits", Broker.BROKER_TARGET, BrokerMethods.GET_WORKERS,
                    "{}", null), 5_000).get(6, TimeUnit.SECONDS);
            return answer.type() == MessageType.RESPONSE ? RpcJson.read(answer.payload(), WorkersReport.class) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
