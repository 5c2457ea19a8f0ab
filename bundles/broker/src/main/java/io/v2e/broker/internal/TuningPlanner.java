package io.v2e.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.v2e.config.tuning.DenialLog;
import io.v2e.config.tuning.WorkingCpus;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * The tuning every worker should apply to itself, derived from the bound provider and the
 * configuration: published as one immutable {@link TuningPlan} that workers compare by identity
 * between messages. Also logs each kind of DENIED outcome once.
 * <p>
 * Threading: {@link #plan} from any thread (volatile); the mutators with the router's lock held.
 */
final class TuningPlanner {

    private static final Logger LOG = System.getLogger("io.v2e.broker");

    private final DenialLog denials = new DenialLog(LOG, "the broker");
    private volatile TuningPlan plan;
    /** True while a provider is bound by reference but its service object is still being obtained. */
    private volatile boolean providerPending;
    /** Guarded by the router's lock. */
    private TuningProvider provider;

    /**
     * @throws IllegalArgumentException when the settings' CPUs name none the provider allows
     */
    TuningPlanner(TuningProvider provider, BrokerSettings settings) {
        this.provider = provider;
        this.plan = planFor(provider, settings, workingCpus(provider, settings));
    }

    TuningPlan plan() {
        return plan;
    }

    String providerName() {
        TuningProvider p = provider;
        return p == null ? "none" : p.name();
    }

    boolean providerPending() {
        return providerPending;
    }

    void providerPending(boolean pending) {
        providerPending = pending;
    }

    /**
     * Lock held. The plan for new settings with the same provider, not yet published.
     *
     * @throws IllegalArgumentException when the settings' CPUs name none the provider allows
     */
    TuningPlan prepare(BrokerSettings next) {
        return planFor(provider, next, workingCpus(provider, next));
    }

    /** Lock held. From now on workers apply {@code next} (prepared for the provider still bound). */
    void publish(TuningPlan next) {
        plan = next;
    }

    /** Lock held. A (better) provider: every worker undoes the old one's settings and applies the new one's. */
    void bind(TuningProvider p, BrokerSettings settings) {
        provider = p;
        plan = planFor(p, settings, workingCpusOrAllowed(p, settings));
    }

    /** Lock held. The provider is going away; true when it was the bound one (workers now fall back to none). */
    boolean unbind(TuningProvider gone, BrokerSettings settings) {
        if (provider != gone) {
            return false;
        }
        provider = null;
        plan = planFor(null, settings, workingCpusOrAllowed(null, settings));
        return true;
    }

    /** Logs a DENIED outcome once per provider, setting kind and errno; the broker runs on. */
    void noteOutcome(String worker, String providerName, String setting, Outcome outcome) {
        denials.note(worker, providerName, setting, outcome);
    }

    /** The provider's allowed set; without one, the process's own from /proc (taskset and cpusets honoured). */
    private static CpuSet allowed(TuningProvider p) {
        return p != null ? p.allowedCpus() : ProcThreads.processCpus();
    }

    private static CpuSet workingCpus(TuningProvider p, BrokerSettings s) {
        return WorkingCpus.narrow(allowed(p), s.cpus(), "cpus");
    }

    /** For a provider change: a configured set the new provider does not allow falls back to all it allows. */
    private static CpuSet workingCpusOrAllowed(TuningProvider p, BrokerSettings s) {
        try {
            return workingCpus(p, s);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "{0}; using every allowed CPU", e.getMessage());
            return allowed(p);
        }
    }

    private static TuningPlan planFor(TuningProvider p, BrokerSettings s, CpuSet cpus) {
        return new TuningPlan(p, cpus, s.nice(), s.ioPriority(), s.scheduling());
    }
}
