package io.v2e.tuning.linux.internal;

import io.v2e.tuning.api.CpuSet;

/**
 * What one thread looked like before a provider first changed it, attribute by attribute: an
 * attribute is recorded just before its first successful change and forgotten once restored.
 * Confined to its thread (kept in a ThreadLocal).
 */
final class ThreadBaseline {

    CpuSet affinity;
    Integer nice;
    Integer ioprio;
    /** The raw sched_getscheduler answer (flag included) and sched_getparam priority. */
    Integer schedPolicy;
    int schedPriority;

    boolean isEmpty() {
        return affinity == null && nice == null && ioprio == null && schedPolicy == null;
    }
}
