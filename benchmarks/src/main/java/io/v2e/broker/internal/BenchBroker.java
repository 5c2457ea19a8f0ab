package io.v2e.broker.internal;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * The real broker ({@link Router}, the class {@code BrokerComponent} delegates to) started
 * without OSGi for the load harness. It lives in the broker's package only to reach the
 * package-private constructor; the harness uses nothing else of the implementation.
 * <p>
 * Threading: create, add endpoints and close from one thread; {@link #broker()} from any.
 */
public final class BenchBroker implements AutoCloseable {

    private final Router router;
    private long nextServiceId = 1;

    private BenchBroker(Router router) {
        this.router = router;
    }

    /**
     * @param workers  0 = one per CPU of the provider's allowed set (the broker's default)
     * @param cpus     cpulist narrowing the allowed set, "" for none
     * @param idle     spin | yield | park | backoff
     */
    public static BenchBroker start(TuningProvider provider, int workers, String cpus, int nice, int queueCapacity,
            String idle) {
        return start(provider, workers, cpus, nice, queueCapacity, idle, ThreadScheduling.OTHER);
    }

    /** As above, with the broker's worker_scheduling / worker_rt_priority ({@code fifo/10}: SCHED_FIFO 10). */
    public static BenchBroker start(TuningProvider provider, int workers, String cpus, int nice, int queueCapacity,
            String idle, ThreadScheduling scheduling) {
        BrokerSettings d = BrokerSettings.DEFAULTS;
        BrokerSettings s = new BrokerSettings(workers, CpuSet.parse(cpus), nice,
                new IoPriority(IoPriority.IoClass.BEST_EFFORT, 4), queueCapacity, OfferPolicy.BLOCK, 10_000,
                d.requestTimeoutMs(), d.maxMessageBytes(), IdleStrategy.Kind.parse(idle), d.drainTimeoutMs(),
                scheduling);
        return new BenchBroker(new Router(s, provider, "bench-"));
    }

    public Broker broker() {
        return router;
    }

    public void addEndpoint(String name, Endpoint endpoint) {
        router.addEndpoint(name, endpoint, 0, nextServiceId++);
    }

    /** Waits until every worker has applied the provider's tuning; false on timeout. */
    public boolean awaitTuned(long timeoutMillis) {
        return router.awaitPlanApplied(timeoutMillis * 1_000_000L);
    }

    /** The worker threads (for per-thread allocation counters). */
    public Thread[] workers() {
        return router.workers().clone();
    }

    /** The workers' kernel thread ids (-1 for one not started yet). */
    public int[] workerTids() {
        Worker[] ws = router.workers();
        int[] tids = new int[ws.length];
        for (int i = 0; i < ws.length; i++) {
            tids[i] = ws[i].tid();
        }
        return tids;
    }

    /** One line per worker: name, outcome of affinity and nice as the broker recorded them. */
    public String workerSummary() {
        StringBuilder b = new StringBuilder();
        for (Worker w : router.workers()) {
            WorkerReport r = w.report();
            b.append(w.getName()).append(": ").append(r == null ? "not tuned yet" : r.toString()).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        router.stop();
    }
}
