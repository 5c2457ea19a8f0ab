package io.v2e.benchmarks;

import java.util.Map;

import org.HdrHistogram.Histogram;

import io.v2e.bench.core.RunResult;

/**
 * One run's numbers, as written to results/*.json. Latencies in microseconds.
 *
 * @param variant  what differs inside a section (e.g. the tuning treatment), "" when nothing
 * @param extra    section-specific numbers (allocation, page faults, RSS...)
 */
record Row(String section, String variant, String system, String mode, int repeat, double offeredPerSec, long sent,
        long delivered, boolean saturated, double throughputPerSec, double p50Us, double p99Us, double p999Us,
        double maxUs, double meanUs, double stddevUs, Map<String, Object> extra) {

    static Row of(String section, String variant, int repeat, RunResult m, Map<String, Object> extra) {
        Histogram h = m.histogram();
        return new Row(section, variant, m.system(), m.mode(), repeat, m.offeredPerSec(), m.sent(), m.delivered(),
                m.saturated(), m.throughputPerSec(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), h.getMean() / 1000.0,
                h.getStdDeviation() / 1000.0, extra);
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }

    /** The key that groups repeats of the same measurement. */
    String key() {
        return section + "|" + variant + "|" + system + "|" + mode;
    }
}
