package io.v2e.bench.internal;

import org.HdrHistogram.Histogram;

/**
 * What one run measured. {@code saturated} when not every offered message reached the endpoint
 * before the drain limit (its missing messages are recorded at a lower bound of their wait).
 *
 * @param system   the system measured ("broker", "eventadmin-post-timeout0"...)
 * @param mode      "fixed" (offered rate, latency from the intended send time) or "max" (flat out)
 * @param histogram latencies in nanoseconds
 */
record RunResult(String system, String mode, double offeredPerSec, long sent, long delivered, double seconds, Histogram histogram,
        boolean saturated) {

    double throughputPerSec() {
        return delivered / seconds;
    }
}
