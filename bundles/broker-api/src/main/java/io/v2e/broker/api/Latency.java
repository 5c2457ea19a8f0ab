package io.v2e.broker.api;

/**
 * Latency percentiles in nanoseconds: since the broker started in {@link EndpointStats}, over a
 * recent window in {@link RecentLatency}.
 *
 * @param count how many values were recorded
 */
public record Latency(long count, long p50, long p90, long p99, long p999, long max) {

    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);
}
