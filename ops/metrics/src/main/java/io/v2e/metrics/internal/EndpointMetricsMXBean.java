package io.v2e.metrics.internal;

/** JMX {@code io.v2e:type=Endpoint,name=<endpoint>}: one endpoint's counters, queue depth and latencies. */
public interface EndpointMetricsMXBean {

    String getKind();

    int getWorker();

    long getReceived();

    long getDelivered();

    long getErrors();

    long getDrops();

    long getQueueDepth();

    /** p50, p90, p99, p99.9, max (ns) since the broker started: accepted to handler start. */
    long[] getQueueLatencyNanos();

    /** p50, p90, p99, p99.9, max (ns) since the broker started: inside the handler. */
    long[] getHandlerLatencyNanos();

    /** As {@link #getQueueLatencyNanos()}, over the recent window (zeros when nothing was handled in it). */
    long[] getRecentQueueLatencyNanos();

    /** As {@link #getHandlerLatencyNanos()}, over the recent window. */
    long[] getRecentHandlerLatencyNanos();
}
