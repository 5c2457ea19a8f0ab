package io.v2e.process.api;

/**
 * The payload of {@code RPCRequestPermits} and {@code RPCReleasePermits}, as v2e has it.
 *
 * @param providerId  who holds the permits (required)
 * @param permitCount how many (> 0)
 */
public record PermitRequest(String providerId, Integer permitCount) {
}
