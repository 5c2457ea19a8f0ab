package io.v2e.process.api;

/**
 * The answer of {@code RPCGetKernelMetrics}, as v2e has it, measured by the permit monitor every
 * {@code interval_ms} over the broker's recent window (not since start).
 *
 * @param p99LatencyMs      99th percentile of accepted-to-handler-start over the recent window, ms
 * @param bufferSaturation  fullest endpoint queue, percent of the broker's queue_capacity
 * @param activeWorkers     broker worker threads
 * @param totalPermits      the pool's size
 * @param allocatedPermits  permits held
 * @param availablePermits  permits that can be granted now (revoked ones are held back)
 * @param messageRate       messages delivered per second since the last measurement
 * @param errorRate         errors per second since the last measurement
 */
public record KernelMetrics(double p99LatencyMs, double bufferSaturation, int activeWorkers, int totalPermits,
        int allocatedPermits, int availablePermits, double messageRate, double errorRate) {
}
