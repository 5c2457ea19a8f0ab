package io.v2e.transport.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.v2e.config.tuning.DenialLog;
import io.v2e.config.tuning.WorkingCpus;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * Derives the {@link LoopPlan} the I/O loops apply to themselves from the bound provider and the
 * io_* settings (the broker's TuningPlanner idea, for the transport's threads), and logs each kind
 * of DENIED outcome once.
 * <p>
 * Threading: {@link #plan} from any thread (volatile); the mutators under the transport's monitor.
 */
final class LoopTuner {

    private static final Logger LOG = System.getLogger("io.v2e.transport");

    private final DenialLog denials = new DenialLog(LOG, "the transport");
    private volatile LoopPlan plan;
    private TuningProvider provider;
    private LoopSettings settings;

    LoopTuner(TuningProvider provider, LoopSettings settings) {
        this.provider = provider;
        this.settings = settings;
        this.plan = planFor(provider, settings);
    }

    LoopPlan plan() {
        return plan;
    }

    TuningProvider provider() {
        return provider;
    }

    /** Loop threads to start for these settings and provider. */
    int threadCount() {
        LoopSettings s = settings;
        return s.threads() > 0 ? s.threads() : LoopSettings.autoThreads(plan.cpus().size());
    }

    /**
     * New settings with the same provider.
     *
     * @throws IllegalArgumentException when io_cpus names no CPU the provider allows
     */
    void configure(LoopSettings next) {
        LoopPlan p = new LoopPlan(provider, workingCpus(provider, next), next.placement(), next.nice(),
                next.ioPriority(), next.scheduling());
        settings = next;
        plan = p;
    }

    /** A (better) provider: every loop undoes the old one's settings and applies the new one's. */
    void bind(TuningProvider p) {
        provider = p;
        plan = planFor(p, settings);
    }

    /** The provider is going away; true when it was the bound one (loops now fall back to none). */
    boolean unbind(TuningProvider gone) {
        if (provider != gone) {
            return false;
        }
        provider = null;
        plan = planFor(null, settings);
        return true;
    }

    /** Logs a DENIED outcome once per provider, setting kind and errno; the loop runs on. */
    void noteOutcome(String loop, String providerName, String setting, Outcome outcome) {
        denials.note(loop, providerName, setting, outcome);
    }

    private static LoopPlan planFor(TuningProvider p, LoopSettings s) {
        CpuSet cpus;
        try {
            cpus = workingCpus(p, s);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "{0}; the I/O loops use every allowed CPU", e.getMessage());
            cpus = allowed(p);
        }
        return new LoopPlan(p, cpus, s.placement(), s.nice(), s.ioPriority(), s.scheduling());
    }

    private static CpuSet workingCpus(TuningProvider p, LoopSettings s) {
        return WorkingCpus.narrow(allowed(p), s.cpus(), "io_cpus");
    }

    /** The provider's allowed set; without one, the process's own from /proc (taskset and cpusets honoured). */
    private static CpuSet allowed(TuningProvider p) {
        if (p != null) {
            try {
                CpuSet cpus = p.allowedCpus();
                if (!cpus.isEmpty()) {
                    return cpus;
                }
            } catch (RuntimeException e) {
                // a provider whose bundle is going away: fall back to /proc
            }
        }
        return ProcThreads.processCpus();
    }
}
