package io.v2e.bench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyProbeTest {

    @Test
    void fixedRateLatencyIsMeasuredFromTheIntendedSendTimeNotTheActualOne() {
        // Schedule: message n was due at t0 + n * 1 ms, with t0 one second in the past. A receive
        // now is at least ~1 s late for message 0 and ~999 ms for message 1, whenever it was really sent.
        long interval = 1_000_000;
        long t0 = System.nanoTime() - 1_000_000_000L;
        LatencyProbe p = new LatencyProbe(t0, interval);
        p.receive();
        p.receive();
        assertEquals(2, p.delivered());
        assertEquals(2, p.histogram().getTotalCount());
        assertTrue(p.histogram().getMinValue() >= 999_000_000L * 0.999, "min " + p.histogram().getMinValue());
        assertEquals(t0 + 5 * interval, p.intendedSendTime(5));
    }

    @Test
    void flatOutLatencyIsMeasuredFromTheTimeTheProducerNoted() {
        long t0 = System.nanoTime();
        LatencyProbe p = new LatencyProbe(t0, 0);
        p.noteSent(0, System.nanoTime() - 5_000_000_000L);      // message 0 noted as sent 5 s ago
        p.receive();
        assertTrue(p.histogram().getMaxValue() >= 4_990_000_000L, "max " + p.histogram().getMaxValue());
    }

    @Test
    void payloadCharsAddUpOverReceives() {
        LatencyProbe p = new LatencyProbe(System.nanoTime(), 1000);
        p.receive(3);
        p.receive(4);
        p.receive();
        assertEquals(7, p.payloadChars());
        assertEquals(3, p.delivered());
    }

    @Test
    void aClosedProbeCountsNothing() {
        LatencyProbe p = new LatencyProbe(System.nanoTime(), 1000);
        p.close();
        p.receive();
        assertEquals(0, p.delivered());
        assertEquals(0, p.histogram().getTotalCount());
    }
}
