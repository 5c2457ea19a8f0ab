package io.v2e.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * The real broker (the embedded one, {@link EmbeddedBroker}: the same classes the container runs)
 * configured for the load harness: block offers with a long offer timeout, best-effort I/O level 4.
 * <p>
 * Threading: create, add endpoints and close from one thread; {@link #broker()} from any.
 */
final class BenchBroker implements AutoCloseable {

    private final EmbeddedBroker broker;

    private BenchBroker(EmbeddedBroker broker) {
        this.broker = broker;
    }

    /**
     * @param workers  0 = one per CPU of the provider's allowed set (the broker's default)
     * @param cpus     cpulist narrowing the allowed set, "" for none
     * @param idle     spin | yield | park | backoff
     */
    static BenchBroker start(TuningProvider provider, int workers, String cpus, int nice, int queueCapacity,
            String idle) {
        return start(provider, workers, cpus, nice, queueCapacity, idle, ThreadScheduling.OTHER);
    }

    /** As above, with the broker's worker_scheduling / worker_rt_priority ({@code fifo/10}: SCHED_FIFO 10). */
    static BenchBroker start(TuningProvider provider, int workers, String cpus, int nice, int queueCapacity,
            String idle, ThreadScheduling scheduling) {
        Map<String, Object> config = new HashMap<>();
        config.put("workers", workers);
        config.put("cpus", cpus);
        config.put("nice", nice);
        config.put("io_class", "best_effort");
        config.put("io_level", 4);
        config.put("queue_capacity", queueCapacity);
        config.put("offer_policy", "block");
        config.put("offer_timeout_ms", 10_000);
        config.put("idle_strategy", idle);
        config.put("worker_scheduling", scheduling.policy().configName());
        if (scheduling.policy().isRealTime()) {
            config.put("worker_rt_priority", scheduling.priority());
        }
        return new BenchBroker(EmbeddedBroker.start(config, provider, "bench-"));
    }

    Broker broker() {
        return broker;
    }

    void addEndpoint(String name, Endpoint endpoint) {
        broker.register(name, endpoint);
    }

    /** Waits until every worker has applied the provider's tuning; false on timeout. */
    boolean awaitTuned(long timeoutMillis) {
        return broker.awaitTuned(Duration.ofMillis(timeoutMillis));
    }

    /** The worker threads (for per-thread allocation counters). */
    Thread[] workers() {
        return broker.workerThreads();
    }

    /** The workers' kernel thread ids (-1 for one not started yet). */
    int[] workerTids() {
        return broker.workers().workers().stream().mapToInt(WorkersReport.WorkerState::tid).toArray();
    }

    /** One line per worker: name, the outcome of each setting as the broker recorded it. */
    String workerSummary() {
        StringBuilder b = new StringBuilder();
        for (WorkersReport.WorkerState w : broker.workers().workers()) {
            WorkersReport.Outcomes o = w.outcomes();
            b.append(w.name()).append(": ").append(o == null ? "not tuned yet"
                    : "cpu " + w.cpu() + " affinity " + o.affinity() + ", nice " + o.nice() + ", io " + o.ioPriority()
                            + ", scheduling " + o.scheduling()).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        broker.close();
    }
}
