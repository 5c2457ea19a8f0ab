package io.v2e.process.api;

/**
 * The answer of {@code RPCRequestPermits}.
 *
 * @param granted    permits granted now (may be fewer than requested)
 * @param available  permits left in the pool
 * @param providerId the holder
 */
public record PermitGrant(int granted, int available, String providerId) {
}
