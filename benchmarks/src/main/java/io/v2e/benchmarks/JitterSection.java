package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.OfferedLoad;
import io.v2e.bench.core.RunResult;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * Section b: jitter under contention. One busy competitor thread per CPU at nice 0 while the broker
 * routes a fixed rate; run A (tuned through jnr) and run B (noop: nothing tuned) interleave
 * A/B/A/B. Treatments for A, each against the same untuned B:
 * <ul>
 * <li>{@code worker}: every worker pinned to its CPU at nice -10 (the broker default before 2026-12-03);</li>
 * <li>{@code path}: one worker pinned to the last CPU at nice -10, and the producer (the other
 * thread on the message's path) at nice -10 on the remaining CPUs;</li>
 * <li>{@code isolated}: as {@code path}, and the competitors confined to the CPUs other than the
 * worker's (the worker CPU is isolated from them);</li>
 * <li>{@code rt}: as {@code path}, with the broker's own {@code worker_scheduling=fifo},
 * {@code worker_rt_priority=10} and {@code idle_strategy=park}: the worker sets SCHED_FIFO 10 on
 * itself through the provider (tuning-api 1.1 setThreadScheduling).</li>
 * </ul>
 */
final class JitterSection {

    static final int TUNED_NICE = -10;
    static final String[] VARIANTS = {"worker", "path", "isolated", "rt"};
    /** The rt treatment's worker_scheduling / worker_rt_priority. */
    static final ThreadScheduling RT_SCHEDULING = new ThreadScheduling(SchedulingPolicy.FIFO, 10);

    private JitterSection() {
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("jitter");
        TuningProvider jnr = Providers.create("jnr");
        TuningProvider noop = Providers.create("noop");
        CpuSet allowed = jnr.allowedCpus();
        int cpus = allowed.size();
        int workerCpu = allowed.get(cpus - 1);
        CpuSet others = cpus > 1 ? without(allowed, workerCpu) : allowed;
        r.note("CPUs allowed: " + allowed + "; competitors: " + cpus + " busy threads at nice 0; rate "
                + (long) o.jitterRate() + "/s; " + o.jitterSeconds() + " s per run; idle strategy backoff (default).");
        r.note("sched_autogroup_enabled=" + Machine.sysctl("kernel/sched_autogroup_enabled") + ": with autogroup on, nice"
                + " orders threads only within one session's group, so it ranks the workers above the competitors"
                + " (same JVM) but not above other sessions' processes (e.g. builds running on the machine).");
        if (cpus < 2) {
            r.note("only one CPU: the path and isolated treatments cannot separate threads and equal the worker one.");
        }
        for (String variant : VARIANTS) {
            for (int pair = 0; pair < o.jitterPairs(); pair++) {
                for (boolean tuned : new boolean[] {true, false}) {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("tuned", tuned);
                    RunResult m = oneRun(o, variant, tuned, jnr, noop, workerCpu, others, r, extra);
                    r.add(Row.of(r.section, variant, pair, m, extra), m.histogram());
                }
            }
        }
        return r;
    }

    private static RunResult oneRun(Options o, String variant, boolean tuned, TuningProvider jnr,
            TuningProvider noop, int workerCpu, CpuSet others, Results r, Map<String, Object> waits) throws Exception {
        boolean onePath = tuned && !variant.equals("worker");
        BenchBroker broker = tuned
                ? (onePath ? BenchBroker.start(jnr, 1, String.valueOf(workerCpu), TUNED_NICE, 65536,
                        variant.equals("rt") ? "park" : "backoff",
                        variant.equals("rt") ? RT_SCHEDULING : ThreadScheduling.OTHER)
                        : BenchBroker.start(jnr, 0, "", TUNED_NICE, 65536, "backoff"))
                : BenchBroker.start(noop, 0, "", TUNED_NICE, 65536, "backoff");
        String name = tuned ? "jnr-" + variant : "noop";
        try (HandOff h = new BrokerHandOff(name, broker, InProcessSection.PAYLOAD)) {
            if (!broker.awaitTuned(10_000)) {
                r.note("workers of " + name + " not tuned within 10 s");
            }
            if (tuned && !checkApplied(broker.workerSummary())) {
                r.note("a tuning outcome was not APPLIED for " + name + ": " + broker.workerSummary().replace('\n', ';'));
            }
            if (tuned && variant.equals("rt")) {
                for (int tid : broker.workerTids()) {
                    int policy = Machine.schedPolicy(tid);
                    if (policy != RT_SCHEDULING.policy().linuxValue()) {
                        r.note("worker_scheduling=" + RT_SCHEDULING + ": worker " + tid + " has policy " + policy
                                + " in /proc (1 = SCHED_FIFO)");
                    }
                }
            }
            CpuSet confine = tuned && variant.equals("isolated") ? others : null;
            // Competitors first: they set their own nice and affinity, and are created before the
            // producer (this thread) is tuned, whose settings new threads would otherwise inherit.
            try (Competitors c = new Competitors(jnr.allowedCpus().size(), jnr, confine)) {
                if (onePath) {
                    Outcome pin = jnr.pinThread(others);
                    Outcome nice = jnr.setThreadNice(TUNED_NICE);
                    if (!pin.isApplied() || !nice.isApplied()) {
                        r.note("producer tuning for " + variant + ": pin " + pin + ", nice " + nice);
                    }
                }
                OfferedLoad.fixedRate(h, o.jitterRate(), Math.min(0.3, o.jitterSeconds()), o.drainSeconds()); // warm-up
                SchedWait w = SchedWait.start(broker.workerTids());
                RunResult m = OfferedLoad.fixedRate(h, o.jitterRate(), o.jitterSeconds(), o.drainSeconds());
                waits.putAll(w.stop());
                return m;
            } finally {
                if (onePath) {
                    jnr.restoreThread();
                }
            }
        }
    }

    private static boolean checkApplied(String summary) {
        return !summary.contains("DENIED") && !summary.contains("UNSUPPORTED");
    }

    private static CpuSet without(CpuSet set, int cpu) {
        return CpuSet.of(set.stream().filter(c -> c != cpu).toArray());
    }

    /** Each pair's p99 ratio tuned/untuned, per variant, in pair order. */
    static Map<String, List<Double>> pairRatios(List<Row> rows) {
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, Double> tunedP99 = new LinkedHashMap<>();
        for (Row row : rows) {
            String k = row.variant() + "#" + row.repeat();
            if (Boolean.TRUE.equals(row.extra().get("tuned"))) {
                tunedP99.put(k, row.p99Us());
            } else if (tunedP99.containsKey(k)) {
                ratios.computeIfAbsent(row.variant(), v -> new ArrayList<>()).add(tunedP99.get(k) / row.p99Us());
            }
        }
        return ratios;
    }
}
