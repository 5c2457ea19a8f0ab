package io.v2e.nats.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
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
import io.v2e.broker.api.Endpoint;
import io.v2e.config.internal.ConfigCheck;
import io.v2e.tuning.api.TuningProvider;

/**
 * The NATS bridge as a DS component: reads PID {@value #PID} (merged with the per-host provider
 * selection {@value #PROVIDER_BINDING_PID}, so its threads use the broker's provider), follows the
 * local endpoint services (by reference only: names, never the services), and runs one
 * {@link Bridge} while {@code enabled}. Registers each remote endpoint as an {@link Endpoint}
 * service the broker binds like any other. Also the Gogo command {@code nats:status [--json]}.
 * <p>
 * A bad configuration never deactivates it: the previous bridge (or none) stays.
 */
@Component(service = NatsBridgeComponent.class, configurationPid = {NatsBridgeComponent.PID,
        NatsBridgeComponent.PROVIDER_BINDING_PID}, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        property = {"osgi.command.scope=nats", "osgi.command.function=status"})
public final class NatsBridgeComponent {

    static final String PID = "io.v2e.nats";
    static final String PROVIDER_BINDING_PID = "io.v2e.tuning.binding";
    /** The bridge's own endpoint (its RPC), and its one method. */
    static final String STATUS_ENDPOINT = "nats";
    static final String GET_STATUS = "RPCGetNatsStatus";
    private static final Logger LOG = System.getLogger("io.v2e.nats");

    @Reference
    private Broker broker;

    private final BridgeThreads threads = new BridgeThreads("v2e-nats-");
    /** Local endpoint names with the number of services offering each. Guarded by this. */
    private final Map<String, Integer> localNames = new HashMap<>();
    private final Map<ServiceReference<Endpoint>, String> localRefs = new HashMap<>();
    private ServiceReference<TuningProvider> providerRef;
    /** The reference whose service the bridge threads use now (null: none). */
    private ServiceReference<TuningProvider> resolvedRef;
    private volatile ComponentContext context;
    private ExecutorService binder;
    private Bridge bridge;
    private BridgeSettings settings;
    private String lastRejection;
    private ServiceRegistration<Endpoint> statusEndpoint;
    /** The configuration last given by DS, and whether the first bridge was started from it. Guarded by this. */
    private NatsConfig latest;
    private Map<String, Object> latestProps;
    private boolean started;

    // ---------------------------------------------------------------- lifecycle

    @Activate
    synchronized void activate(ComponentContext ctx, NatsConfig config, Map<String, Object> props) {
        context = ctx;
        binder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "v2e-nats-binder");
            t.setDaemon(true);
            return t;
        });
        latest = config;
        latestProps = props;
        // The first bridge starts on the binder thread once the provider (if any) is obtained, so every
        // bridge thread - jnats' reader and writer too, which retune only at a (re)connect - starts tuned.
        ServiceReference<TuningProvider> ref = providerRef;
        binder.execute(() -> {
            if (ref != null) {
                resolveProvider(ref);
            }
            synchronized (this) {
                if (context != null && !started) {
                    started = true;
                    apply(latest, latestProps);
                }
            }
        });
    }

    /** Endpoint {@value #STATUS_ENDPOINT}: {@value #GET_STATUS} answers what nats:status --json shows, on one line. */
    private String rpc(io.v2e.broker.api.Message m) {
        if (!GET_STATUS.equals(m.id())) {
            throw new IllegalArgumentException("unknown method '" + m.id() + "' of endpoint '" + STATUS_ENDPOINT
                    + "' (known: " + GET_STATUS + ")");
        }
        Bridge b;
        synchronized (this) {
            b = bridge;
        }
        return b == null ? offJson() : b.status().toCompactJson();
    }

    @Modified
    synchronized void modified(NatsConfig config, Map<String, Object> props) {
        latest = config;
        latestProps = props;
        if (started) {
            apply(config, props);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopBridge();
        binder.shutdownNow();
        context = null;
        started = false;
    }

    private void apply(NatsConfig config, Map<String, Object> props) {
        BridgeSettings next;
        try {
            ConfigCheck.check(NatsConfig.class, props);
            next = BridgeSettings.of(config);
        } catch (RuntimeException e) { // also a value DS could not convert
            lastRejection = e.getMessage();
            LOG.log(Level.ERROR, "configuration " + PID + " rejected: {0}; the previous configuration stays", e.getMessage());
            return;
        }
        lastRejection = null;
        if (next.equals(settings)) {
            return;
        }
        stopBridge();
        settings = next;
        threads.bind(threads.provider(), next);
        if (!next.enabled()) {
            LOG.log(Level.INFO, "NATS bridge off (enabled = false in etc/" + PID + ".cfg)");
            return;
        }
        Bridge b = new Bridge(broker, next, this::registerRemote, threads);
        try {
            b.start();
        } catch (RuntimeException e) {
            lastRejection = e.getMessage();
            LOG.log(Level.ERROR, "NATS bridge not started: {0}", e.getMessage());
            return;
        }
        bridge = b;
        b.localNames(Set.copyOf(localNames.keySet()));
        // the RPC exists while a bridge runs (a container without the bridge keeps its endpoints as they were)
        Dictionary<String, Object> sp = new Hashtable<>();
        sp.put(Endpoint.NAME_PROPERTY, STATUS_ENDPOINT);
        statusEndpoint = context.getBundleContext().registerService(Endpoint.class, this::rpc, sp);
    }

    private void stopBridge() {
        if (statusEndpoint != null) {
            try {
                statusEndpoint.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle
            }
            statusEndpoint = null;
        }
        Bridge b = bridge;
        bridge = null;
        if (b != null) {
            b.stop();
        }
    }

    private Runnable registerRemote(String name, Endpoint endpoint) {
        ComponentContext ctx = context;
        if (ctx == null) {
            return () -> { };
        }
        BundleContext bc = ctx.getBundleContext();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, name);
        props.put(EndpointRegistrar.REMOTE_PROPERTY, Boolean.TRUE);
        // Below any local endpoint (the broker also prefers local ones whatever the ranking).
        props.put("service.ranking", Integer.MIN_VALUE);
        ServiceRegistration<Endpoint> reg = bc.registerService(Endpoint.class, endpoint, props);
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        };
    }

    // ---------------------------------------------------------------- local endpoints (names only)

    @Reference(service = Endpoint.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(&(" + Endpoint.NAME_PROPERTY + "=*)(!(" + EndpointRegistrar.REMOTE_PROPERTY + "=true)))")
    void bindEndpoint(ServiceReference<Endpoint> ref) {
        Object name = ref.getProperty(Endpoint.NAME_PROPERTY);
        if (!(name instanceof String)) {
            return;
        }
        Bridge b;
        Set<String> names;
        synchronized (this) {
            localRefs.put(ref, (String) name);
            localNames.merge((String) name, 1, Integer::sum);
            b = bridge;
            names = Set.copyOf(localNames.keySet());
        }
        if (b != null) {
            b.localNames(names);
        }
    }

    void updatedEndpoint(ServiceReference<Endpoint> ref) {
        unbindEndpoint(ref);
        bindEndpoint(ref);
    }

    void unbindEndpoint(ServiceReference<Endpoint> ref) {
        Bridge b;
        Set<String> names;
        synchronized (this) {
            String name = localRefs.remove(ref);
            if (name == null) {
                return;
            }
            localNames.computeIfPresent(name, (k, n) -> n == 1 ? null : n - 1);
            b = bridge;
            names = Set.copyOf(localNames.keySet());
        }
        if (b != null) {
            b.localNames(names);
        }
    }

    // ---------------------------------------------------------------- tuning provider

    /** By reference: getting the service may activate the provider (jnr: about a second), not on an SCR thread. */
    @Reference(name = "provider", service = TuningProvider.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindProvider(ServiceReference<TuningProvider> ref) {
        providerRef = ref;
        if (binder != null && context != null) {
            binder.execute(() -> resolveProvider(ref));
        }
    }

    void unbindProvider(ServiceReference<TuningProvider> ref) {
        synchronized (this) {
            if (providerRef == ref) {
                providerRef = null;
            }
            // Only the provider the threads use may be taken from them: with a greedy reference SCR
            // unbinds the old provider after binding (and, on the binder thread, resolving) the new one.
            if (resolvedRef != ref) {
                return;
            }
            resolvedRef = null;
        }
        TuningProvider current = threads.provider();
        if (current != null) {
            threads.unbind(current);
        }
    }

    /**
     * Binder thread. locateService takes SCR's lock of this component, and SCR calls the synchronized
     * bind methods holding it: so the service is obtained without this object's monitor held, and
     * used only if it is still the bound one.
     */
    private void resolveProvider(ServiceReference<TuningProvider> ref) {
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
        } catch (IllegalStateException e) { // deactivated meanwhile
            return;
        }
        if (p == null) {
            return;
        }
        Bridge running;
        synchronized (this) {
            if (providerRef != ref || context == null) {
                return;
            }
            threads.bind(p, settings);
            resolvedRef = ref;
            running = bridge;
        }
        LOG.log(Level.INFO, "NATS bridge threads tuned through provider {0}", p.name());
        if (running != null) {
            running.reconnectForRetune();
        }
    }

    // ---------------------------------------------------------------- shell

    /** Gogo {@code nats:status}: connection, exported endpoints, other hosts, remote endpoints, counters, threads. */
    public String status() {
        return status("");
    }

    /** Gogo {@code nats:status --json}. */
    public String status(String flag) {
        boolean json = "--json".equals(flag);
        if (!json && !flag.isEmpty()) {
            throw new IllegalArgumentException("usage: nats:status [--json]");
        }
        Bridge b;
        String rejection;
        synchronized (this) {
            b = bridge;
            rejection = lastRejection;
        }
        if (b == null) {
            return json ? offJson() : offText();
        }
        BridgeStatus st = b.status();
        String text = json ? st.toJson() : st.toText();
        return rejection == null ? text : text + (json ? "" : "\nlast configuration rejected: " + rejection);
    }

    /** Why no bridge runs. */
    private synchronized String offText() {
        return lastRejection != null ? "NATS bridge not running: " + lastRejection
                : "NATS bridge off (enabled = false in etc/" + PID + ".cfg)";
    }

    private String offJson() {
        return "{\"connection\":\"off\",\"reason\":" + quote(offText()) + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The names of local endpoints (for tests). */
    synchronized Set<String> localNames() {
        return new TreeSet<>(localNames.keySet());
    }
}
