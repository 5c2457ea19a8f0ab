package io.v2e.broker.internal;

import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;

/**
 * How one worker's last tuning went, as the worker itself recorded it (provider calls act on the
 * calling thread, so only the worker can make them).
 *
 * @param provider       name of the provider applied, or "none"
 * @param cpu            the CPU the worker was to be pinned to
 * @param restore        outcome of undoing the previous provider's settings; null when nothing to undo
 * @param affinity       outcome of pinning
 * @param nice           outcome of setting nice
 * @param ioPriority     outcome of setting the I/O priority
 * @param scheduling     outcome of setting the scheduling policy
 * @param readAffinity   the affinity the provider read back afterwards (cpulist)
 * @param readNice       the nice the provider read back
 * @param readIoPriority the I/O priority the provider read back
 * @param readScheduling the scheduling policy/priority the provider read back
 * @param readTid        the thread id the provider reported
 */
record WorkerReport(String provider, int cpu, Outcome restore, Outcome affinity, Outcome nice, Outcome ioPriority,
        Outcome scheduling, Reading<?> readAffinity, Reading<?> readNice, Reading<?> readIoPriority,
        Reading<?> readScheduling, Reading<?> readTid) {
}
