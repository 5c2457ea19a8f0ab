package io.v2e.readiness.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The tuning provider the broker should end up with: the best-ranked {@code TuningProvider}
 * service (OSGi order: highest ranking, then lowest service id) that matches the per-host
 * selection's {@code provider.target} (PID {@value #BINDING_PID}, published by tuning-select; any
 * provider when it is not published). Providers register one after another at boot and the broker
 * binds each better one as it comes, so "every worker tuned" alone would be true already on the
 * first (noop) provider.
 * <p>
 * Threading: the readiness thread. Services are looked up by class name, so this bundle needs no
 * tuning API.
 */
final class SelectedProvider {

    static final String BINDING_PID = "io.v2e.tuning.binding";
    static final String PROVIDER_SERVICE = "io.v2e.tuning.api.TuningProvider";
    static final String NAME_PROPERTY = "tuning.provider";
    static final String ANY = "(" + NAME_PROPERTY + "=*)";

    private final BundleContext context;
    private final Supplier<ConfigurationAdmin> configAdmin;

    SelectedProvider(BundleContext context, Supplier<ConfigurationAdmin> configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
    }

    /** The expected provider's name, or a sentence starting with "no " when none can be named. */
    String expected() {
        String pending = providerBundleNotRegisteredYet();
        if (pending != null) {
            return pending;
        }
        String target = target();
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences(PROVIDER_SERVICE, target);
        } catch (InvalidSyntaxException e) {
            return "no provider: the selection's provider.target " + target + " does not parse";
        }
        if (refs == null || refs.length == 0) {
            return "no TuningProvider service matches " + target;
        }
        ServiceReference<?> best = Arrays.stream(refs).max(Comparator.naturalOrder()).orElseThrow();
        return String.valueOf(best.getProperty(NAME_PROPERTY));
    }

    /**
     * A started bundle that declares a TuningProvider service capability (bnd writes it for a DS
     * component) but has not registered it yet: the best provider cannot be named before it has
     * (jnr binds its native library while jna and noop are already up). Null when none is pending.
     */
    private String providerBundleNotRegisteredYet() {
        for (Bundle b : context.getBundles()) {
            if ((b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0 || !declaresProvider(b)) {
                continue;
            }
            ServiceReference<?>[] registered = b.getRegisteredServices();
            boolean has = registered != null && Arrays.stream(registered).anyMatch(r -> {
                Object classes = r.getProperty(Constants.OBJECTCLASS);
                return classes instanceof String[] && Arrays.asList((String[]) classes).contains(PROVIDER_SERVICE);
            });
            if (!has) {
                return "no provider can be named yet: bundle " + b.getSymbolicName()
                        + " declares a TuningProvider and has not registered it";
            }
        }
        return null;
    }

    private static boolean declaresProvider(Bundle b) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        for (BundleCapability c : revision.getDeclaredCapabilities("osgi.service")) {
            Object classes = c.getAttributes().get(Constants.OBJECTCLASS);
            if (classes instanceof List && ((List<?>) classes).contains(PROVIDER_SERVICE)) {
                return true;
            }
        }
        return false;
    }

    private String target() {
        ConfigurationAdmin cm = configAdmin.get();
        if (cm == null) {
            return ANY;
        }
        try {
            Configuration[] found = cm.listConfigurations("(service.pid=" + BINDING_PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return ANY;
            }
            Object target = found[0].getProperties().get("provider.target");
            return target instanceof String && !((String) target).isBlank() ? (String) target : ANY;
        } catch (IOException | InvalidSyntaxException e) {
            return ANY;
        }
    }
}
