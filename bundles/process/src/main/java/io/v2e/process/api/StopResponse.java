package io.v2e.process.api;

/**
 * The answer of {@code RPCStopProcess}: the stop has begun (SIGTERM sent); the process is gone
 * within its stop timeout (SIGKILL then).
 *
 * @param id    the service name
 * @param pid   the process being stopped (0 when none ran)
 * @param state {@code stopping}
 */
public record StopResponse(String id, int pid, String state) {
}
