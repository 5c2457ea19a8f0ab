package io.v2e.metrics.internal;

/** JMX {@code io.v2e:type=Worker,name=<thread name>}: one broker worker's tuning and what /proc shows. */
public interface WorkerMetricsMXBean {

    int getTid();

    /** The CPU it is pinned to; -1 until tuned. */
    int getCpu();

    long getHandled();

    boolean isTuningCurrent();

    String getProvider();

    String getAffinityOutcome();

    String getNiceOutcome();

    String getIoPriorityOutcome();

    String getSchedulingOutcome();

    /** /proc's nice value; Integer.MIN_VALUE when /proc could not be read. */
    int getNice();

    /** /proc's scheduling policy (other, fifo, ...); empty when /proc could not be read. */
    String getSchedulingPolicy();

    int getLastCpu();
}
