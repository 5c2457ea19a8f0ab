package io.v2e.process.api;

/**
 * The payload of {@code RPCStopProcess} and {@code RPCGetProcessLog}.
 *
 * @param id the service name
 */
public record ProcessId(String id) {
}
