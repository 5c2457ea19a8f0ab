package io.v2e.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Reading;

/**
 * A snapshot of the tuning state for {@code tuning:info}, taken on the calling thread: every
 * provider in resolution order (the first is the one the container resolves), the process's
 * allowed CPUs and the calling thread's scheduling state read back through the resolved provider,
 * next to what /proc says independently.
 */
record TuningReport(List<ProviderLine> providers, Optional<CpuSet> allowedCpus, ThreadState thread,
        ProcThreadView proc) {

    /** One registered provider as the report shows it. */
    record ProviderLine(String name, int ranking, long serviceId, String bundle, Capabilities capabilities) {
    }

    /** The calling thread as the resolved provider reads it back from the kernel. */
    record ThreadState(String javaName, Reading<Integer> tid, Reading<CpuSet> affinity, Reading<Integer> currentCpu,
            Reading<Integer> nice, Reading<IoPriority> ioPriority) {
    }

    /** Takes the snapshot; {@code providers} in any order, {@code bundleName} maps a bundle id to a name. */
    static TuningReport take(List<RankedProvider> providers, LongFunction<String> bundleName) {
        List<RankedProvider> ordered = new ArrayList<>(providers);
        ordered.sort(RankedProvider.RESOLUTION_ORDER);
        List<ProviderLine> lines = new ArrayList<>();
        for (RankedProvider p : ordered) {
            lines.add(new ProviderLine(p.name(), p.ranking(), p.serviceId(), bundleName.apply(p.bundleId()),
                    p.provider().capabilities()));
        }
        ProcThreadView proc = ProcThreadView.read();
        if (ordered.isEmpty()) {
            return new TuningReport(lines, Optional.empty(), null, proc);
        }
        var resolved = ordered.get(0).provider();
        ThreadState thread = new ThreadState(Thread.currentThread().getName(), resolved.threadId(),
                resolved.threadAffinity(), resolved.currentCpu(), resolved.threadNice(),
                resolved.threadIoPriority());
        return new TuningReport(lines, Optional.of(resolved.allowedCpus()), thread, proc);
    }

    Optional<ProviderLine> resolved() {
        return providers.isEmpty() ? Optional.empty() : Optional.of(providers.get(0));
    }
}
