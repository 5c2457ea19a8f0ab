package io.v2e.tuning.select.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.v2e.tuning.api.TuningProvider;

/**
 * Turns the per-host selection (PID {@value #PID}, file {@code etc/io.v2e.tuning.cfg}) and the
 * TuningProviders registered right now into a {@link Decision}, and publishes it as configuration
 * PID {@value #BINDING_PID}: {@code provider.target} for any component whose TuningProvider
 * reference is named {@code provider} and lists that PID (the broker), plus the selection, the
 * provider in use and the reason for {@code tuning:info}. DS then rebinds those references, so
 * consumers keep knowing tuning-api only.
 * <p>
 * Sees providers by their service properties only: selecting never activates a provider. DS calls
 * arrive on any thread; {@link #publish} is serialised by this object's monitor.
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
@Component(configurationPid = TuningSelector.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = TuningSelector.Config.class)
public final class TuningSelector {

    static final String PID = "io.v2e.tuning";
    static final String BINDING_PID = "io.v2e.tuning.binding";
    static final String TARGET = "provider.target";
    static final String SELECTION = "tuning.selection";
    static final String USING = "tuning.using";
    static final String REASON = "tuning.reason";
    static final String REJECTED = "tuning.rejected";

    private static final Logger LOG = System.getLogger("io.v2e.tuning.select");

    @ObjectClassDefinition(name = "v2e tuning provider selection",
            description = "Which TuningProvider the broker's workers use on this host.")
    public @interface Config {
        @AttributeDefinition(description = "auto = the provider with the highest service.ranking (jnr 300, ffm 250,"
                + " jna 200, noop -1000); or one provider by name. A named provider that is not available is"
                + " replaced by the best available one until it registers.",
                options = {@Option(value = "auto"), @Option(value = "jnr"), @Option(value = "jna"),
                        @Option(value = "ffm"), @Option(value = "noop")})
        String provider() default Selection.AUTO;
    }

    @Reference
    private ConfigurationAdmin configAdmin;
    /** Registered providers by service.id. Guarded by this. */
    private final Map<Long, Candidate> registered = new HashMap<>();
    private Selection selection = Selection.DEFAULT;
    private String rejected;
    private Dictionary<String, Object> published;
    private boolean active;

    @Activate
    synchronized void activate(Config config) {
        active = true;
        select(config);
    }

    @Modified
    synchronized void modified(Config config) {
        select(config);
    }

    /** Withdraws the decision so consumers fall back to their own target (the highest ranking). */
    @Deactivate
    synchronized void deactivate() {
        active = false;
        try {
            Configuration c = configAdmin.getConfiguration(BINDING_PID, "?");
            if (c.getProperties() != null) {
                c.delete();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "could not withdraw " + BINDING_PID + ": " + e);
        }
        published = null;
    }

    @Reference(service = TuningProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    synchronized void bindProvider(ServiceReference<TuningProvider> ref) {
        candidateOf(ref).ifPresent(c -> registered.put(c.serviceId(), c));
        publish();
    }

    synchronized void updatedProvider(ServiceReference<TuningProvider> ref) {
        registered.remove(serviceId(ref));
        bindProvider(ref);
    }

    synchronized void unbindProvider(ServiceReference<TuningProvider> ref) {
        registered.remove(serviceId(ref));
        publish();
    }

    private void select(Config config) {
        try {
            selection = Selection.parse(config.provider());
            rejected = null;
        } catch (IllegalArgumentException e) {
            rejected = "etc/" + PID + ".cfg: " + e.getMessage() + "; keeping '" + selection + "'";
            LOG.log(Level.ERROR, rejected);
        }
        publish();
    }

    /** Decides for the current state and hands the decision to ConfigAdmin when it changed. */
    private void publish() {
        if (!active) {
            return; // bindings before activation: activate() publishes once the selection is known
        }
        Decision d = Decision.of(selection, registered.values());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(TARGET, d.target());
        props.put(SELECTION, d.selection().value());
        props.put(USING, d.usingName());
        props.put(REASON, d.reason());
        if (rejected != null) {
            props.put(REJECTED, rejected);
        }
        if (Objects.equals(props, published)) {
            return;
        }
        try {
            // "?" : a multi-location configuration, delivered to the broker's bundle as well as ours
            configAdmin.getConfiguration(BINDING_PID, "?").update(props);
            published = props;
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.ERROR, "could not publish the tuning provider decision (" + d.reason() + "): " + e);
            return;
        }
        LOG.log(d.using().isEmpty() || d.isFallback() ? Level.WARNING : Level.INFO,
                "tuning provider: " + d.reason() + " (target " + d.target() + ")");
    }

    private static java.util.Optional<Candidate> candidateOf(ServiceReference<TuningProvider> ref) {
        Object name = ref.getProperty(TuningProvider.PROVIDER_NAME_PROPERTY);
        if (!(name instanceof String)) {
            LOG.log(Level.WARNING, "ignoring TuningProvider service " + serviceId(ref) + " without a "
                    + TuningProvider.PROVIDER_NAME_PROPERTY + " property");
            return java.util.Optional.empty();
        }
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        return java.util.Optional.of(new Candidate((String) name,
                ranking instanceof Integer ? (Integer) ranking : 0, serviceId(ref)));
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }
}
