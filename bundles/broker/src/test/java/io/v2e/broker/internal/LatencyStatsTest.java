package io.v2e.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Latency;
import io.v2e.broker.api.RecentLatency;

/** The recent window of one route's latencies, on a clock the test moves. */
class LatencyStatsTest {

    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(RecentLatency.STEP_MILLIS);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LatencyStats stats = new LatencyStats(now::get);

    private void record(long queuedNanos, int times) {
        long[] q = new long[times];
        long[] h = new long[times];
        Arrays.fill(q, queuedNanos);
        Arrays.fill(h, 1_000);
        stats.recordBatch(q, h, times);
        stats.tick();
    }

    @Test
    void recentWindowHoldsWhatWasRecordedInTheLastTwoSteps() {
        record(1_000_000, 10);
        now.addAndGet(STEP + 1);
        record(2_000_000, 10);
        Latency queue = stats.recent()[0];
        assertEquals(20, queue.count());
        assertEquals(STEP + 1, stats.windowNanos());
    }

    @Test
    void valuesOlderThanTheWindowLeaveItButStayInTheTotals() {
        record(50_000_000, 100); // a slow burst
        now.addAndGet(STEP);
        stats.tick();
        now.addAndGet(STEP);
        record(1_000, 10); // fast now
        Latency recent = stats.recent()[0];
        assertEquals(10, recent.count());
        assertEquals(1_000, recent.p99(), 10, "the burst two steps ago no longer counts");
        Latency total = stats.snapshot()[0];
        assertEquals(110, total.count());
        assertEquals(50_000_000, total.p99(), 50_000_000 / 100.0);
    }

    @Test
    void anIdleRouteForgetsItsWindowAfterTwoSteps() {
        record(1_000_000, 5);
        now.addAndGet(3 * STEP); // no tick in between: a stopped timer, a long GC
        Latency[] recent = stats.recent();
        assertEquals(Latency.NONE, recent[0]);
        assertEquals(Latency.NONE, recent[1]);
        assertEquals(5, stats.snapshot()[1].count());
    }

    @Test
    void windowSpanGrowsWithinAStepAndAddsThePreviousStep() {
        now.addAndGet(STEP / 2);
        assertEquals(STEP / 2, stats.windowNanos());
        now.addAndGet(STEP / 2 + 7);
        stats.tick();
        assertEquals(STEP + 7, stats.windowNanos());
    }
}
