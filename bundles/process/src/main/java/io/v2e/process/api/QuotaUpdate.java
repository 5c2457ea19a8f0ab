package io.v2e.process.api;

/**
 * The payload of the {@code RPCOnQuotaUpdate} event sent to each permit holder on a revocation.
 *
 * @param revokedPermits permits revoked over all holders (v2e's field)
 * @param reason         which limit was breached, e.g. {@code p99 latency 61.2 ms exceeded 50 ms 3 times in a row}
 * @param kernelMetrics  the metrics that triggered it
 * @param providerId     the holder this event is for
 * @param permitsHeld    what the holder still holds
 */
public record QuotaUpdate(int revokedPermits, String reason, KernelMetrics kernelMetrics, String providerId,
        int permitsHeld) {
}
