package io.v2e.process.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;

/**
 * Applies a service's CPU set, nice, I/O priority and scheduling policy to every thread of its
 * process through the provider's process operations (which also reach the threads the process
 * starts later, by inheritance). An outcome is a value: DENIED leaves the process running as it
 * was. Stateless.
 */
final class ProcessTuning {

    private ProcessTuning() {
    }

    /** @return each requested tuning (e.g. {@code nice -5}) and its outcome; empty when none is requested */
    static Map<String, String> apply(TuningProvider provider, int pid, ServiceSettings s) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        if (s.cpus() == null && s.nice() == null && s.ioPriority() == null && s.scheduling() == null) {
            return outcomes;
        }
        if (provider == null) {
            outcomes.put("provider", "no tuning provider bound: the process runs untuned");
            return outcomes;
        }
        if (s.cpus() != null) {
            outcomes.put("cpus " + s.cpus(), text(provider.pinProcess(pid, s.cpus())));
        }
        if (s.nice() != null) {
            outcomes.put("nice " + s.nice(), text(provider.setProcessNice(pid, s.nice())));
        }
        if (s.ioPriority() != null) {
            outcomes.put("io " + s.ioPriority(), text(provider.setProcessIoPriority(pid, s.ioPriority())));
        }
        if (s.scheduling() != null) {
            outcomes.put("scheduling " + s.scheduling(), text(provider.setProcessScheduling(pid, s.scheduling())));
        }
        return outcomes;
    }

    private static String text(Outcome o) {
        return o.toString();
    }
}
