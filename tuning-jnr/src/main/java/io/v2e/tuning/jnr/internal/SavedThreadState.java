package io.v2e.tuning.jnr.internal;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;

/**
 * A thread's scheduling state before the provider first changed it; a part the kernel would not
 * report is null and is not restored.
 */
record SavedThreadState(CpuSet affinity, Integer nice, IoPriority ioPriority) {
}
