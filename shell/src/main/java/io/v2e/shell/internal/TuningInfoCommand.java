package io.v2e.shell.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.CollectionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.v2e.tuning.api.TuningProvider;

/**
 * Gogo command {@code tuning:info}: which TuningProvider the container resolves (the per-host
 * selection's choice when the selection bundle published one), the selection and why, every registered
 * provider with its ranking and probed capabilities, the allowed CPUs, and the calling thread's
 * tid, affinity, CPU, nice, I/O priority and scheduling policy as the kernel reports them. Runs on the shell's
 * thread; keeps no state between calls.
 */
@Component(service = TuningInfoCommand.class,
        property = {"osgi.command.scope=tuning", "osgi.command.function=info"})
public final class TuningInfoCommand {

    @Reference(service = TuningProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            collectionType = CollectionType.TUPLE)
    private volatile List<Map.Entry<Map<String, ?>, TuningProvider>> providers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configAdmin;

    private final BundleContext context;

    @Activate
    public TuningInfoCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("show the tuning provider in use, all registered providers, the allowed CPUs and this thread's"
            + " scheduling state as read back from the kernel")
    public String info(
            @Descriptor("print JSON instead of text")
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<RankedProvider> ranked = new ArrayList<>();
        List<Map.Entry<Map<String, ?>, TuningProvider>> current = providers;
        if (current != null) {
            for (Map.Entry<Map<String, ?>, TuningProvider> e : current) {
                ranked.add(RankedProvider.of(e.getKey(), e.getValue()));
            }
        }
        Optional<ProviderSelection> selection = publishedSelection();
        Filter target = selection.map(s -> targetFilter(s.target())).orElse(null);
        Map<Long, Map<String, ?>> propsById = new HashMap<>();
        if (current != null) {
            for (Map.Entry<Map<String, ?>, TuningProvider> e : current) {
                propsById.put(RankedProvider.of(e.getKey(), e.getValue()).serviceId(), e.getKey());
            }
        }
        TuningReport report = TuningReport.take(ranked, this::bundleName, selection,
                p -> target == null || target.matches(propsById.get(p.serviceId())));
        return json ? TuningReportJson.render(report) : TuningReportText.render(report);
    }

    /** The decision the selection bundle published, read without creating the configuration. */
    private Optional<ProviderSelection> publishedSelection() {
        ConfigurationAdmin cm = configAdmin;
        if (cm == null) {
            return Optional.empty();
        }
        try {
            Configuration[] found = cm.listConfigurations("(service.pid=" + ProviderSelection.PID + ")");
            return found == null || found.length == 0 ? Optional.empty() : ProviderSelection.of(found[0].getProperties());
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read configuration " + ProviderSelection.PID, e);
        }
    }

    private static Filter targetFilter(String target) {
        try {
            return FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the published provider.target is not a filter: " + target, e);
        }
    }

    private String bundleName(long bundleId) {
        Bundle b = bundleId < 0 ? null : context.getBundle(bundleId);
        return b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
    }
}
