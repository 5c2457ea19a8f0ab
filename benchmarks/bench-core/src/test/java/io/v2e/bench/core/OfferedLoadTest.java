package io.v2e.bench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The load loops against hand-offs that deliver at once or never (no timing asserted). */
class OfferedLoadTest {

    /** Delivers each message synchronously on the producer's thread, or (deliver false) swallows it. */
    private static final class DirectHandOff implements HandOff {
        private final boolean deliver;
        private LatencyProbe probe;
        private long sent;
        private long received;

        DirectHandOff(boolean deliver) {
            this.deliver = deliver;
        }

        @Override
        public String name() {
            return deliver ? "direct" : "black-hole";
        }

        @Override
        public void attach(LatencyProbe p) {
            probe = p;
        }

        @Override
        public boolean send(long seq) {
            sent++;
            if (deliver) {
                received++;
                probe.receive(1);
            }
            return true;
        }

        @Override
        public long sentTotal() {
            return sent;
        }

        @Override
        public long receivedTotal() {
            return received;
        }
    }

    @Test
    void aFixedRateRunOffersRateTimesSecondsMessages() throws Exception {
        RunResult r = OfferedLoad.fixedRate(new DirectHandOff(true), 10_000, 0.01, 1);
        assertEquals("direct", r.system());
        assertEquals("fixed", r.mode());
        assertEquals(100, r.sent());
        assertEquals(100, r.delivered());
        assertEquals(100, r.histogram().getTotalCount());
        assertFalse(r.saturated());
        assertEquals(r.delivered() / r.seconds(), r.throughputPerSec());
    }

    @Test
    void aFlatOutRunEndsOnAMultipleOf256SendsAndCountsEachOnce() throws Exception {
        RunResult r = OfferedLoad.max(new DirectHandOff(true), 0.01, 1);
        assertEquals("max", r.mode());
        assertEquals(r.sent(), r.delivered());
        assertEquals(r.sent(), r.histogram().getTotalCount());
        assertEquals(0, r.sent() % 256);
    }

    @Test
    void aSystemThatNeverDeliversIsSaturatedWithEveryMessageRecordedAtALowerBound() throws Exception {
        RunResult r = OfferedLoad.fixedRate(new DirectHandOff(false), 10_000, 0.01, 0.05);
        assertTrue(r.saturated());
        assertEquals(0, r.delivered());
        assertEquals(100, r.histogram().getTotalCount(), "all offered messages counted, delivered or not");
        assertTrue(r.histogram().getMinValue() > 0);
    }

    @Test
    void anUndeliveredBacklogOfAnEarlierRunIsAClearError() throws Exception {
        DirectHandOff h = new DirectHandOff(false);
        h.send(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OfferedLoad.quiesce(h, 0.01));
        assertEquals("black-hole still has 1 messages of an earlier run undelivered after 0.01 s", e.getMessage());
    }
}
