package io.v2e.transport.internal;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * What every I/O loop should apply to itself: the provider in force (null: none bound), the working
 * CPUs, placement, nice, I/O priority and scheduling policy. Published as a whole; a loop compares
 * by identity between select rounds and retunes itself when a new plan appears.
 */
record LoopPlan(TuningProvider provider, CpuSet cpus, LoopSettings.Placement placement, int nice, IoPriority ioPriority,
        ThreadScheduling scheduling) {

    /** The CPUs loop {@code index} is pinned to. */
    CpuSet cpusOf(int index) {
        return placement == LoopSettings.Placement.cpu ? CpuSet.of(cpus.get(index % cpus.size())) : cpus;
    }

    String providerName() {
        return provider == null ? "none" : provider.name();
    }
}
