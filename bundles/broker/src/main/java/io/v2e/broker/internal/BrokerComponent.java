package io.v2e.broker.internal;

import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.BrokerRpcExtension;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.SendResult;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.tuning.api.TuningProvider;

/**
 * The broker as a DS component: binds endpoint services (whiteboard), the best tuning provider
 * (greedy, dynamic, filter {@code provider.target}) and the configuration of PID {@value #PID}
 * (merged with {@value #PROVIDER_BINDING_PID}, the per-host provider selection);
 * delegates everything else to {@link Router}.
 * <p>
 * A bad configuration never deactivates the broker: {@link #modified} validates first and keeps
 * the previous settings on failure (at activation, the defaults).
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
@Component(service = Broker.class, configurationPid = {BrokerComponent.PID, BrokerComponent.PROVIDER_BINDING_PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class BrokerComponent implements Broker {

    static final String PID = "io.v2e.broker";
    /**
     * Published by the per-host provider selection (etc/io.v2e.tuning.cfg): its provider.target
     * overrides ours (DS merges the PIDs, the later wins) and DS rebinds the reference on change.
     */
    static final String PROVIDER_BINDING_PID = "io.v2e.tuning.binding";
    private static final Logger LOG = System.getLogger("io.v2e.broker");

    /** Endpoints and provider bound before activation (DS binds references before @Activate). Guarded by this. */
    private final Map<Long, Registration> endpoints = new HashMap<>();
    private TuningProvider provider;
    private ServiceReference<TuningProvider> providerRef;
    /** Outlives routers: a reconfigured broker keeps the contributed methods. */
    private final RpcExtensions rpcExtensions = new RpcExtensions();
    private final Map<ServiceReference<TuningProvider>, TuningProvider> resolved = new HashMap<>();
    private ComponentContext context;
    private ExecutorService binder;
    private Router router;
    private volatile Router active;
    private volatile String lastRejection;

    private record Registration(String name, Endpoint endpoint, int ranking, long serviceId) {
    }

    @Activate
    void activate(BrokerConfig config, ComponentContext componentContext) {
        BrokerSettings settings;
        try {
            if (componentContext != null) {
                ConfigCheck.check(BrokerConfig.class, asMap(componentContext.getProperties()));
            }
            settings = BrokerSettings.of(config);
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            reject(e);
            settings = BrokerSettings.DEFAULTS;
        }
        synchronized (this) {
            Router r;
            try {
                r = new Router(settings, provider, "v2e-broker-", rpcExtensions);
            } catch (IllegalArgumentException e) {
                reject(e);
                r = new Router(BrokerSettings.DEFAULTS, provider, "v2e-broker-", rpcExtensions);
            }
            router = r;
            r.rejected(lastRejection);
            for (Registration reg : endpoints.values()) {
                r.addEndpoint(reg.name, reg.endpoint, reg.ranking, reg.serviceId);
            }
            active = r;
            context = componentContext;
            binder = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "v2e-broker-provider-binder");
                t.setDaemon(true);
                return t;
            });
            if (providerRef != null) {
                ServiceReference<TuningProvider> ref = providerRef;
                r.providerPending(true);
                binder.execute(() -> resolveProvider(ref));
            }
        }
    }

    @Modified
    void modified(BrokerConfig config, Map<String, Object> props) {
        Router r = active;
        try {
            ConfigCheck.check(BrokerConfig.class, props);
            r.configure(BrokerSettings.of(config));
            lastRejection = null;
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            reject(e);
        }
    }

    @Deactivate
    void deactivate() {
        Router r;
        synchronized (this) {
            r = router;
            router = null;
            context = null;
            if (binder != null) {
                binder.shutdownNow();
            }
        }
        if (r != null) {
            r.stop();
        }
    }

    private static Map<String, Object> asMap(java.util.Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        for (java.util.Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            m.put(k, d.get(k));
        }
        return m;
    }

    private void reject(RuntimeException e) {
        lastRejection = e.getMessage() != null ? e.getMessage() : e.toString();
        Router r = active != null ? active : router;
        if (r != null) {
            r.rejected(lastRejection);
        }
        LOG.log(Level.ERROR, "configuration " + PID + " rejected: {0}; the previous configuration stays in force",
                lastRejection);
    }

    /** The message of the last rejected configuration, or null when the last one was applied. */
    String lastRejection() {
        return lastRejection;
    }

    Router router() {
        return active;
    }

    // ---------------------------------------------------------------- endpoints (whiteboard)

    @Reference(service = Endpoint.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + Endpoint.NAME_PROPERTY + "=*)")
    synchronized void bindEndpoint(Endpoint endpoint, Map<String, Object> props) {
        Object name = props.get(Endpoint.NAME_PROPERTY);
        if (!(name instanceof String)) {
            LOG.log(Level.WARNING, "ignoring endpoint service {0}: " + Endpoint.NAME_PROPERTY
                    + " must be one string, was {1}", props.get("service.id"), name);
            return;
        }
        Registration reg = new Registration((String) name, endpoint, ranking(props), serviceId(props));
        endpoints.put(reg.serviceId, reg);
        if (router != null) {
            router.addEndpoint(reg.name, endpoint, reg.ranking, reg.serviceId);
        }
    }

    synchronized void updatedEndpoint(Endpoint endpoint, Map<String, Object> props) {
        unbindEndpoint(endpoint, props);
        bindEndpoint(endpoint, props);
    }

    synchronized void unbindEndpoint(Endpoint endpoint, Map<String, Object> props) {
        Registration reg = endpoints.remove(serviceId(props));
        if (reg != null && router != null) {
            router.removeEndpoint(reg.name, endpoint, reg.serviceId);
        }
    }

    private static int ranking(Map<String, Object> props) {
        Object r = props.get("service.ranking");
        return r instanceof Integer ? (Integer) r : 0;
    }

    private static long serviceId(Map<String, Object> props) {
        Object id = props.get("service.id");
        return id instanceof Long ? (Long) id : -1L;
    }

    // ---------------------------------------------------------------- broker RPC extensions (whiteboard)

    @Reference(service = BrokerRpcExtension.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + BrokerRpcExtension.METHODS_PROPERTY + "=*)")
    void bindRpcExtension(BrokerRpcExtension extension, Map<String, Object> props) {
        List<String> methods = methodNames(props.get(BrokerRpcExtension.METHODS_PROPERTY));
        List<String> refused = rpcExtensions.add(extension, methods);
        if (!refused.isEmpty()) {
            LOG.log(Level.WARNING, "broker RPC extension {0} does not get the methods {1}: built in or held by another",
                    props.get("service.id"), refused);
        }
    }

    void unbindRpcExtension(BrokerRpcExtension extension) {
        rpcExtensions.remove(extension);
    }

    private static List<String> methodNames(Object value) {
        if (value instanceof String) {
            return List.of((String) value);
        }
        if (value instanceof String[]) {
            return List.of((String[]) value);
        }
        if (value instanceof Collection) {
            List<String> names = new ArrayList<>();
            for (Object o : (Collection<?>) value) {
                names.add(String.valueOf(o));
            }
            return names;
        }
        return List.of();
    }

    // ---------------------------------------------------------------- tuning provider

    /**
     * Binds the best provider by reference only: getting the service object may activate the
     * provider (jnr binds libc, about a second), which must not happen on the SCR thread that is
     * registering it (the provider would stay invisible to others meanwhile). A binder thread
     * resolves it and hands it to the workers.
     */
    @Reference(name = "provider", service = TuningProvider.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(ServiceReference<TuningProvider> ref) {
        synchronized (this) {
            providerRef = ref;
            if (router != null) { // activated and not yet deactivated: the binder runs
                router.providerPending(true);
                binder.execute(() -> resolveProvider(ref));
            }
        }
    }

    void unbindProvider(ServiceReference<TuningProvider> ref) {
        TuningProvider gone;
        synchronized (this) {
            if (providerRef == ref) {
                providerRef = null;
                if (router != null) {
                    router.providerPending(false);
                }
            }
            gone = resolved.remove(ref);
        }
        if (gone != null) {
            providerGone(gone); // waits (bounded) until the workers ran its restore while it still works
        }
    }

    /** Binder thread: gets the service (activating it if needed) unless it was replaced meanwhile. */
    private void resolveProvider(ServiceReference<TuningProvider> ref) {
        try {
            obtainProvider(ref);
        } finally {
            synchronized (this) {
                if (router != null && (providerRef == ref || providerRef == null)) {
                    router.providerPending(false);
                }
            }
        }
    }

    private void obtainProvider(ServiceReference<TuningProvider> ref) {
        ComponentContext ctx;
        synchronized (this) {
            if (providerRef != ref || context == null) {
                return;
            }
            ctx = context;
        }
        TuningProvider p;
        try {
            p = ctx.locateService("provider", ref);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tuning provider {0} could not be obtained: {1}", ref, e);
            return;
        }
        if (p == null) {
            return;
        }
        synchronized (this) {
            if (providerRef == ref) {
                resolved.put(ref, p);
                providerArrived(p);
            }
        }
    }

    /** A provider to tune the workers with (called with the service object, e.g. by tests). */
    synchronized void providerArrived(TuningProvider p) {
        provider = p;
        if (router != null) {
            router.providerBound(p);
        }
    }

    /** The provider is going away: workers undo its settings before this returns (bounded wait). */
    void providerGone(TuningProvider p) {
        Router r;
        synchronized (this) {
            if (provider == p) {
                provider = null;
            }
            r = router;
        }
        if (r != null) {
            r.providerUnbound(p);
        }
    }

    // ---------------------------------------------------------------- Broker

    @Override
    public SendResult send(Message message) {
        return active.send(message);
    }

    @Override
    public CompletableFuture<Message> request(Message request) {
        return active.request(request);
    }

    @Override
    public CompletableFuture<Message> request(Message request, long timeoutMillis) {
        return active.request(request, timeoutMillis);
    }

    @Override
    public BrokerStats stats() {
        return active.stats();
    }

    @Override
    public RecentLatency recentLatency() {
        return active.recentLatency();
    }

    @Override
    public WorkersReport workersReport() {
        return active.workersReport();
    }

    @Override
    public EndpointKind endpointKind(String name) {
        return active.endpointKind(name);
    }
}
