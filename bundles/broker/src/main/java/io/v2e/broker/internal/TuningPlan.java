package io.v2e.broker.internal;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * What every worker should apply to itself: the provider in force (null: none bound), the CPUs
 * workers are spread over, nice, I/O priority and scheduling policy. Published as a whole; a worker compares by
 * identity and retunes between messages when a new plan appears.
 */
record TuningPlan(TuningProvider provider, CpuSet cpus, int nice, IoPriority ioPriority, ThreadScheduling scheduling) {

    /** The CPU worker {@code index} is pinned to. */
    int cpuOf(int index) {
        return cpus.get(index % cpus.size());
    }
}
