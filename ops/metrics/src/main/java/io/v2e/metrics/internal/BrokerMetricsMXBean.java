package io.v2e.metrics.internal;

/** JMX {@code io.v2e:type=Broker}: the broker's totals and the container's readiness. */
public interface BrokerMetricsMXBean {

    boolean isReady();

    String[] getWaitingFor();

    boolean isBrokerUp();

    long getReceived();

    long getDelivered();

    long getErrors();

    long getDrops();

    long getUnknownTarget();

    long getUnroutable();

    long getQueueDepth();

    /** Recent window, every endpoint: accepted to handler start, 99th percentile (ns). */
    long getRecentQueueLatencyP99Nanos();

    /** Recent window, every endpoint: inside the handler, 99th percentile (ns). */
    long getRecentHandlerLatencyP99Nanos();

    long getRecentWindowMillis();
}
