package io.v2e.process.api;

/**
 * The answer of {@code RPCReleasePermits}.
 *
 * @param success    true when permits were released
 * @param available  permits in the pool afterwards
 * @param providerId the holder
 */
public record PermitRelease(boolean success, int available, String providerId) {
}
