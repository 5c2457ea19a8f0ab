package io.v2e.transport.internal;

import io.v2e.config.internal.ConfigCheck;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
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
import io.v2e.metrics.api.MetricsSource;
import io.v2e.tuning.api.TuningProvider;

/**
 * The transport as a DS component: needs the {@link Broker}, reads PID {@value #PID}, and
 * publishes each named connection as an {@link Endpoint} service, so the broker binds it like any
 * other endpoint and {@code broker:endpoints} lists it (kind {@code external}).
 * <p>
 * Binds the best TuningProvider (greedy, dynamic, filter {@code provider.target}, overridden by the
 * per-host selection's PID {@value #PROVIDER_BINDING_PID}) and has it place and tune the I/O loop
 * threads; a provider swap retunes them, stop restores them. Also the Gogo commands
 * {@code transport:connections} and {@code transport:threads}, the endpoint {@value TransportRpc#NAME}
 * answering {@value TransportRpc#GET_THREADS} and {@value TransportRpc#GET_STATS}, and the metrics source
 * {@value TransportMetrics#SOURCE} (connections, policy refusals, bytes in and out).
 * <p>
 * Security settings ({@link TransportGuards}): the TCP token and the reserved names with their
 * tokens (PID {@value #PID}), and the authorization policy (PID {@value #POLICY_PID}, merged into
 * this component's configuration; applied live, fail closed when invalid).
 * <p>
 * Activation fails, with the reason in the log, when a listener cannot start (e.g. another broker
 * listens on the socket). A later configuration that cannot be applied is rejected and logged; the
 * listeners that worked stay.
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
@Component(service = TransportComponent.class,
        configurationPid = {TransportComponent.PID, TransportComponent.PROVIDER_BINDING_PID, TransportComponent.POLICY_PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, property = {
                "osgi.command.scope=transport",
                "osgi.command.function=connections",
                "osgi.command.function=threads"})
public final class TransportComponent {

    static final String PID = "io.v2e.transport";
    /** The per-host provider selection (etc/io.v2e.tuning.cfg): its provider.target overrides ours. */
    static final String PROVIDER_BINDING_PID = "io.v2e.tuning.binding";
    /** The authorization policy (etc/io.v2e.transport.policy.cfg, {@link PolicyConfig}). */
    static final String POLICY_PID = "io.v2e.transport.policy";
    /**
     * Framework or system property: {@code false} keeps the transport from listening at all, for a
     * container that must not take the socket (e.g. a one-shot {@code bin/v2e CMD} next to a running one).
     */
    static final String LISTEN_PROPERTY = "v2e.transport.listen";
    private static final Logger LOG = System.getLogger("io.v2e.transport");

    @Reference
    private Broker broker;

    private Transport transport;
    /** Guarded by this: the provider reference, what it resolved to, the binder thread. */
    private ServiceReference<TuningProvider> providerRef;
    private TuningProvider provider;
    /** Service objects obtained, by reference: an unbind finds what to restore even before a newer one resolved. */
    private final Map<ServiceReference<TuningProvider>, TuningProvider> resolved = new java.util.HashMap<>();
    private ComponentContext componentContext;
    private ExecutorService binder;
    private Runnable unregisterRpc;

    @Activate
    void activate(ComponentContext cc, BundleContext context, TransportConfig config, PolicyConfig policy,
            Map<String, Object> props) {
        if ("false".equalsIgnoreCase(context.getProperty(LISTEN_PROPERTY))) {
            LOG.log(Level.INFO, "transport not listening: " + LISTEN_PROPERTY + "=false");
            return;
        }
        TransportSettings settings;
        NameReservations reservations;
        try {
            ConfigCheck.check(TransportConfig.class, props);
            settings = TransportSettings.of(config);
            reservations = TransportGuards.reservations(config);
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            LOG.log(Level.ERROR, "configuration " + PID + " rejected: {0}; using the defaults", e.getMessage());
            settings = TransportSettings.defaults(TransportSettings.defaultSocketPath());
            reservations = NameReservations.of(NameReservations.DEFAULT_RESERVED, "", TransportGuards.etc());
        }
        ServiceRegistrar registrar = new ServiceRegistrar(context);
        Transport t = new Transport(broker, registrar, settings);
        t.tcpToken(TransportGuards.tcpToken(config));
        t.reservations(reservations);
        t.policy(TransportGuards.policy(policy, props));
        try {
            t.start();
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, "transport not started: {0}", e.getMessage());
            throw e;
        }
        synchronized (this) {
            transport = t;
            componentContext = cc;
            binder = Executors.newSingleThreadExecutor(task -> {
                Thread th = new Thread(task, "v2e-transport-provider-binder");
                th.setDaemon(true);
                return th;
            });
            if (providerRef != null) {
                ServiceReference<TuningProvider> ref = providerRef;
                binder.execute(() -> resolveProvider(ref));
            }
        }
        Runnable rpc = registrar.register(TransportRpc.NAME, new TransportRpc(t::threads, () -> TransportStats.json(t)), Map.of());
        ServiceRegistration<MetricsSource> metrics = context.registerService(MetricsSource.class, new TransportMetrics(t),
                new Hashtable<>(Map.of(MetricsSource.SOURCE, TransportMetrics.SOURCE)));
        unregisterRpc = () -> {
            rpc.run();
            try {
                metrics.unregister();
            } catch (IllegalStateException e) {
                // already unregistered (the bundle is stopping)
            }
        };
    }

    @Modified
    void modified(TransportConfig config, PolicyConfig policy, Map<String, Object> props) {
        if (transport == null) {
            return;
        }
        transport.policy(TransportGuards.policy(policy, props)); // its own PID: applies whatever the rest says
        try {
            ConfigCheck.check(TransportConfig.class, props);
            TransportSettings next = TransportSettings.of(config);
            NameReservations reservations = TransportGuards.reservations(config);
            transport.tcpToken(TransportGuards.tcpToken(config));
            transport.reservations(reservations);
            transport.configure(next);
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            LOG.log(Level.ERROR, "configuration " + PID + " not (fully) applied: {0}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        Runnable u = unregisterRpc;
        unregisterRpc = null;
        if (u != null) {
            u.run();
        }
        Transport t;
        synchronized (this) {
            t = transport;
            transport = null;
            componentContext = null;
            if (binder != null) {
                binder.shutdownNow();
            }
        }
        if (t != null) {
            t.stop(); // the loops restore their tuning while the provider still works
        }
    }

    // ---------------------------------------------------------------- tuning provider

    /**
     * Binds the best provider by reference only, as the broker does: getting the service object may
     * activate the provider (jnr binds libc), which must not happen on the SCR thread registering
     * it. A binder thread resolves it and hands it to the I/O loops.
     */
    @Reference(name = "provider", service = TuningProvider.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(ServiceReference<TuningProvider> ref) {
        synchronized (this) {
            providerRef = ref;
            if (transport != null && binder != null) {
                binder.execute(() -> resolveProvider(ref));
            }
        }
    }

    void unbindProvider(ServiceReference<TuningProvider> ref) {
        TuningProvider gone;
        Transport t;
        synchronized (this) {
            if (providerRef == ref) {
                providerRef = null;
            }
            gone = resolved.remove(ref);
            if (gone != null && provider == gone) {
                provider = null;
            }
            t = transport;
        }
        if (gone != null && t != null) {
            t.providerUnbound(gone); // waits (bounded) until the loops ran its restore while it still works
        }
    }

    /** Binder thread: gets the service (activating it if needed) unless it was replaced meanwhile. */
    private void resolveProvider(ServiceReference<TuningProvider> ref) {
        ComponentContext cc;
        synchronized (this) {
            if (providerRef != ref || componentContext == null) {
                return;
            }
            cc = componentContext;
        }
        TuningProvider p;
        try {
            p = cc.locateService("provider", ref);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tuning provider {0} could not be obtained: {1}", ref, e);
            return;
        }
        synchronized (this) {
            if (p == null || providerRef != ref || transport == null) {
                return;
            }
            resolved.put(ref, p);
            provider = p;
            transport.providerBound(p); // the replaced one's unbind (DS calls it) waits for the loops' restore
        }
    }

    /** Gogo {@code transport:threads}: the I/O loop threads, their tuning outcomes and /proc read-back. */
    public String threads() {
        Transport t = transport;
        return t == null ? "transport not listening (" + LISTEN_PROPERTY + "=false)" : t.threads().toText();
    }

    /** Gogo {@code transport:connections}: the listeners, then one line per open connection. */
    public String connections() {
        Transport t = transport;
        return t == null ? "transport not listening (" + LISTEN_PROPERTY + "=false)" : t.describe();
    }

    /** Registers endpoints as services of the transport bundle. */
    private static final class ServiceRegistrar implements EndpointRegistrar {
        private final BundleContext context;

        ServiceRegistrar(BundleContext context) {
            this.context = context;
        }

        @Override
        public Runnable register(String name, Endpoint endpoint, Map<String, Object> properties) {
            Dictionary<String, Object> props = new Hashtable<>(properties);
            props.put(Endpoint.NAME_PROPERTY, name);
            ServiceRegistration<Endpoint> reg = context.registerService(Endpoint.class, endpoint, props);
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    // already unregistered (the bundle is stopping)
                }
            };
        }
    }
}
