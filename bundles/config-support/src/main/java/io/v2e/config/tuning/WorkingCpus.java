package io.v2e.config.tuning;

import io.v2e.tuning.api.CpuSet;

/** The CPUs a set of tuned threads is spread over: what is allowed, narrowed by a configured cpulist. */
public final class WorkingCpus {

    private WorkingCpus() {
    }

    /**
     * {@code allowed}, or its intersection with {@code configured} when that is not empty.
     *
     * @param key the setting's name for the error ({@code cpus}, {@code io_cpus})
     * @throws IllegalArgumentException when {@code configured} names none of {@code allowed}
     */
    public static CpuSet narrow(CpuSet allowed, CpuSet configured, String key) {
        if (configured.isEmpty()) {
            return allowed;
        }
        CpuSet narrowed = allowed.intersect(configured);
        if (narrowed.isEmpty()) {
            throw new IllegalArgumentException(key + " '" + configured + "' names no CPU this process may use (allowed: "
                    + allowed + ")");
        }
        return narrowed;
    }
}
