package io.v2e.transport.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Set<String> loggedDenials = ConcurrentHashMap.newKeySet();
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
        if (outcome.status() == Outcome.Status.DENIED) {
            String kind = setting.replaceAll("[0-9/,-]+", "#");
            if (loggedDenials.add(providerName + '|' + kind + '|' + outcome.errno())) {
                LOG.log(Level.WARNING, "{0}: provider {1} denied {2}: {3} (logged once; the transport runs on)", loop,
                        providerName, setting, outcome);
            }
        }
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
        CpuSet allowed = allowed(p);
        if (s.cpus().isEmpty()) {
            return allowed;
        }
        CpuSet narrowed = allowed.intersect(s.cpus());
        if (narrowed.isEmpty()) {
            throw new IllegalArgumentException("io_cpus '" + s.cpus() + "' names no CPU this process may use (allowed: "
                    + allowed + ")");
        }
        return narrowed;
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
        String list = ProcThreads.processCpusAllowedList().orElse(null);
        if (list != null) {
            try {
                CpuSet cpus = CpuSet.parse(list);
                if (!cpus.isEmpty()) {
                    return cpus;
                }
            } catch (IllegalArgumentException e) {
                // fall through to the JVM's count
            }
        }
        return CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
    }
}
