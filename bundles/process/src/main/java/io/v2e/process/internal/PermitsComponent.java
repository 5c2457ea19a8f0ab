package io.v2e.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerRpcExtension;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;
import io.v2e.process.api.PermitMethods;
import io.v2e.process.api.PermitRequest;

/**
 * v2e's permits and kernel metrics as broker RPCs: RPCRequestPermits, RPCReleasePermits,
 * RPCGetKernelMetrics, and the RPCOnQuotaUpdate events of {@link KernelMonitor}, which runs on
 * the thread {@code v2e-permits-monitor}. A bad configuration is refused (logged) and the previous
 * one stays. Threading: RPCs on the broker's worker for target broker (never waiting for the
 * broker), the monitor on its own thread.
 */
@Component(configurationPid = PermitsComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
        BrokerRpcExtension.METHODS_PROPERTY + "=" + PermitMethods.REQUEST_PERMITS,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + PermitMethods.RELEASE_PERMITS,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + PermitMethods.GET_KERNEL_METRICS})
@Designate(ocd = PermitsConfig.class)
public final class PermitsComponent implements BrokerRpcExtension {

    static final String PID = "io.v2e.permits";
    private static final Logger LOG = System.getLogger(PermitsComponent.class.getName());

    @Reference
    private Broker broker;
    private PermitPool pool;
    private KernelMonitor monitor;
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> ticking;

    public PermitsComponent() {
    }

    /** Outside OSGi (tests). */
    PermitsComponent(Broker broker) {
        this.broker = broker;
    }

    @Activate
    synchronized void activate(Map<String, Object> props) {
        PermitsConfig c = checked(props);
        if (c == null) {
            c = TypedConfig.of(PermitsConfig.class, Map.of());
        }
        pool = new PermitPool(c.total__permits());
        monitor = new KernelMonitor(broker, pool, limits(c));
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v2e-permits-monitor");
            t.setDaemon(true);
            return t;
        });
        schedule(c.interval__ms());
    }

    @Modified
    synchronized void modified(Map<String, Object> props) {
        PermitsConfig c = checked(props);
        if (c == null) {
            return;
        }
        pool.resize(c.total__permits());
        monitor.limits(limits(c));
        ticking.cancel(false);
        schedule(c.interval__ms());
    }

    @Deactivate
    synchronized void deactivate() {
        thread.shutdownNow();
    }

    private void schedule(long intervalMs) {
        ticking = thread.scheduleWithFixedDelay(() -> {
            try {
                monitor.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "kernel metrics measurement failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** The configuration, or null (logged) when it is refused. */
    private static PermitsConfig checked(Map<String, Object> props) {
        try {
            ConfigCheck.check(PermitsConfig.class, props);
            PermitsConfig c = TypedConfig.of(PermitsConfig.class, props);
            positive("total_permits", c.total__permits());
            positive("interval_ms", c.interval__ms());
            positive("p99_limit_ms", c.p99__limit__ms());
            positive("saturation_limit_percent", c.saturation__limit__percent());
            positive("consecutive_breaches", c.consecutive__breaches());
            if (c.revoke__percent() < 1 || c.revoke__percent() > 100) {
                throw new IllegalArgumentException("revoke_percent must be 1..100, was " + c.revoke__percent());
            }
            return c;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "io.v2e.permits configuration rejected: {0}; the previous one stays", e.getMessage());
            return null;
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }

    private static KernelMonitor.Limits limits(PermitsConfig c) {
        return new KernelMonitor.Limits(c.p99__limit__ms(), c.saturation__limit__percent(), c.consecutive__breaches(),
                c.revoke__percent());
    }

    @Override
    public String handle(Message request) {
        switch (request.id()) {
            case PermitMethods.REQUEST_PERMITS: {
                PermitRequest r = RpcJson.read(request.payload(), PermitRequest.class);
                String endpoint = request.source();
                boolean present = endpoint != null && broker.endpointKind(endpoint) != EndpointKind.ABSENT;
                return RpcJson.write(pool.request(r.providerId(), r.permitCount(), endpoint, present));
            }
            case PermitMethods.RELEASE_PERMITS: {
                PermitRequest r = RpcJson.read(request.payload(), PermitRequest.class);
                return RpcJson.write(pool.release(r.providerId(), r.permitCount()));
            }
            case PermitMethods.GET_KERNEL_METRICS:
                return RpcJson.write(monitor.latest());
            default:
                throw new IllegalArgumentException("not a permit method: '" + request.id() + "'");
        }
    }

    /** For tests: one measurement now. */
    void tick() {
        monitor.tick();
    }

    PermitPool pool() {
        return pool;
    }
}
