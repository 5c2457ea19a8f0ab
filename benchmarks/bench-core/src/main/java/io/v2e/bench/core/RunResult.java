package io.v2e.bench.core;

import org.HdrHistogram.Histogram;

/**
 * What one run measured. {@code saturated} when not every offered message reached the handler
 * before the drain limit (its missing messages are recorded at a lower bound of their wait).
 *
 * @param system    the system measured ("broker", "eventadmin-post-timeout0"...)
 * @param mode      "fixed" (offered rate, latency from the intended send time), "max" (flat out),
 *                  or a mode of a section's own loop ("closed", "echo"...)
 * @param histogram latencies in nanoseconds
 */
public record RunResult(String system, String mode, double offeredPerSec, long sent, long delivered, double seconds,
        Histogram histogram, boolean saturated) {

    public double throughputPerSec() {
        return delivered / seconds;
    }
}
