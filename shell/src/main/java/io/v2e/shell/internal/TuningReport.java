package io.v2e.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.ThreadScheduling;

/**
 * A snapshot of the tuning state for {@code tuning:info}, taken on the calling thread: every
 * provider in resolution order, the one the container resolves (the first that the published
 * per-host selection's target matches, else the first), the selection and its reason, the process's
 * allowed CPUs and the calling thread's scheduling state read back through the resolved provider,
 * next to what /proc says independently.
 */
record TuningReport(List<ProviderLine> providers, Optional<ProviderLine> resolvedLine,
        Optional<ProviderSelection> selection, Optional<CpuSet> allowedCpus, ThreadState thread, ProcThreadView proc) {

    /** One registered provider as the report shows it. */
    record ProviderLine(String name, int ranking, long serviceId, String bundle, Capabilities capabilities) {
    }

    /** The calling thread as the resolved provider reads it back from the kernel. */
    record ThreadState(String javaName, Reading<Integer> tid, Reading<CpuSet> affinity, Reading<Integer> currentCpu,
            Reading<Integer> nice, Reading<IoPriority> ioPriority, Reading<ThreadScheduling> scheduling) {
    }

    /** Takes the snapshot without a published selection: the highest ranking provider is the resolved one. */
    static TuningReport take(List<RankedProvider> providers, LongFunction<String> bundleName) {
        return take(providers, bundleName, Optional.empty(), p -> true);
    }

    /**
     * Takes the snapshot; {@code providers} in any order, {@code bundleName} maps a bundle id to a
     * name, {@code matchesTarget} says which providers the selection's target filter matches.
     */
    static TuningReport take(List<RankedProvider> providers, LongFunction<String> bundleName,
            Optional<ProviderSelection> selection, Predicate<RankedProvider> matchesTarget) {
        List<RankedProvider> ordered = new ArrayList<>(providers);
        ordered.sort(RankedProvider.RESOLUTION_ORDER);
        List<ProviderLine> lines = new ArrayList<>();
        ProviderLine resolvedLine = null;
        RankedProvider resolved = null;
        for (RankedProvider p : ordered) {
            ProviderLine line = new ProviderLine(p.name(), p.ranking(), p.serviceId(), bundleName.apply(p.bundleId()),
                    p.provider().capabilities());
            lines.add(line);
            if (resolved == null && matchesTarget.test(p)) {
                resolved = p;
                resolvedLine = line;
            }
        }
        ProcThreadView proc = ProcThreadView.read();
        if (resolved == null) {
            return new TuningReport(lines, Optional.empty(), selection, Optional.empty(), null, proc);
        }
        var r = resolved.provider();
        ThreadState thread = new ThreadState(Thread.currentThread().getName(), r.threadId(),
                r.threadAffinity(), r.currentCpu(), r.threadNice(), r.threadIoPriority(),
                r.threadScheduling());
        return new TuningReport(lines, Optional.of(resolvedLine), selection, Optional.of(r.allowedCpus()), thread,
                proc);
    }

    Optional<ProviderLine> resolved() {
        return resolvedLine;
    }
}
