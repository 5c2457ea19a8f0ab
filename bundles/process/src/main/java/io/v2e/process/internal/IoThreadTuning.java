package io.v2e.process.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.TuningProvider;

/**
 * Places the container-side threads of one service (its link's reader and writer) through the
 * bound provider, as io_threads_cpus / io_threads_nice ask, and keeps each outcome for
 * RPCListProcesses. Threading: each thread applies to itself; any thread reads the outcomes.
 */
final class IoThreadTuning {

    private final Supplier<TuningProvider> provider;
    private final CpuSet cpus;
    private final Integer nice;
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    IoThreadTuning(Supplier<TuningProvider> provider, CpuSet cpus, Integer nice) {
        this.provider = provider;
        this.cpus = cpus;
        this.nice = nice;
    }

    void applyToCurrentThread(String role) {
        if (cpus == null && nice == null) {
            return;
        }
        TuningProvider p = provider.get();
        if (p == null) {
            outcomes.put(role, "no tuning provider bound");
            return;
        }
        if (cpus != null) {
            outcomes.put(role + ".cpus " + cpus, p.pinThread(cpus).toString());
        }
        if (nice != null) {
            outcomes.put(role + ".nice " + nice, p.setThreadNice(nice).toString());
        }
    }

    Map<String, String> outcomes() {
        return new TreeMap<>(outcomes);
    }
}
