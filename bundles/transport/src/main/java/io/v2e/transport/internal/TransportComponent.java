package io.v2e.transport.internal;

import java.util.Map;

import io.v2e.config.internal.ConfigCheck;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;

/**
 * The transport as a DS component: needs the {@link Broker}, reads PID {@value #PID}, and
 * publishes each named connection as an {@link Endpoint} service, so the broker binds it like any
 * other endpoint and {@code broker:endpoints} lists it (kind {@code external}).
 * <p>
 * Also the Gogo command {@code transport:connections}.
 * <p>
 * Activation fails, with the reason in the log, when a listener cannot start (e.g. another broker
 * listens on the socket). A later configuration that cannot be applied is rejected and logged; the
 * listeners that worked stay.
 */
@Component(service = TransportComponent.class, configurationPid = TransportComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, property = {
                "osgi.command.scope=transport",
                "osgi.command.function=connections"})
@Designate(ocd = TransportConfig.class)
public final class TransportComponent {

    static final String PID = "io.v2e.transport";
    /**
     * Framework or system property: {@code false} keeps the transport from listening at all, for a
     * container that must not take the socket (e.g. a one-shot {@code bin/v2e CMD} next to a running one).
     */
    static final String LISTEN_PROPERTY = "v2e.transport.listen";
    private static final Logger LOG = System.getLogger("io.v2e.transport");

    @Reference
    private Broker broker;

    private Transport transport;

    @Activate
    void activate(BundleContext context, TransportConfig config, Map<String, Object> props) {
        if ("false".equalsIgnoreCase(context.getProperty(LISTEN_PROPERTY))) {
            LOG.log(Level.INFO, "transport not listening: " + LISTEN_PROPERTY + "=false");
            return;
        }
        TransportSettings settings;
        try {
            ConfigCheck.check(TransportConfig.class, props);
            settings = TransportSettings.of(config);
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            LOG.log(Level.ERROR, "configuration " + PID + " rejected: {0}; using the defaults", e.getMessage());
            settings = TransportSettings.defaults(TransportSettings.defaultSocketPath());
        }
        Transport t = new Transport(broker, new ServiceRegistrar(context), settings);
        try {
            t.start();
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, "transport not started: {0}", e.getMessage());
            throw e;
        }
        transport = t;
    }

    @Modified
    void modified(TransportConfig config, Map<String, Object> props) {
        if (transport == null) {
            return;
        }
        try {
            ConfigCheck.check(TransportConfig.class, props);
            transport.configure(TransportSettings.of(config));
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            LOG.log(Level.ERROR, "configuration " + PID + " not (fully) applied: {0}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        Transport t = transport;
        transport = null;
        if (t != null) {
            t.stop();
        }
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
