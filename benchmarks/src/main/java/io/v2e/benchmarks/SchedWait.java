package io.v2e.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time threads spent runnable but not running (waiting for a CPU) during one run, from
 * schedstat's run_delay: the scheduler's share of a latency, which a CPU profile cannot show.
 */
final class SchedWait {

    private final int producerTid;
    private final int[] consumerTids;
    private final long producer0;
    private final long consumers0;
    private final long all0;

    private SchedWait(int producerTid, int[] consumerTids) {
        this.producerTid = producerTid;
        this.consumerTids = consumerTids;
        this.producer0 = Machine.runDelayNanos(producerTid);
        this.consumers0 = sum(consumerTids);
        this.all0 = Machine.runDelayAllThreadsNanos();
    }

    /** Starts counting for the calling thread (the producer) and the given consumer threads. */
    static SchedWait start(int... consumerTids) {
        return new SchedWait(Machine.currentTid(), consumerTids);
    }

    /** Milliseconds waited since start: producer, consumers (summed), every thread of the process. */
    Map<String, Object> stop() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("producerRunqWaitMs", (Machine.runDelayNanos(producerTid) - producer0) / 1e6);
        if (consumerTids.length > 0) {
            m.put("consumerRunqWaitMs", (sum(consumerTids) - consumers0) / 1e6);
        }
        m.put("allThreadsRunqWaitMs", (Machine.runDelayAllThreadsNanos() - all0) / 1e6);
        return m;
    }

    private static long sum(int[] tids) {
        long s = 0;
        for (int t : tids) {
            s += Math.max(0, Machine.runDelayNanos(t));
        }
        return s;
    }
}
