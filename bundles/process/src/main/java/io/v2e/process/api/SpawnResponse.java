package io.v2e.process.api;

/**
 * The answer of the spawn RPCs, as v2e has it.
 *
 * @param id     the service name
 * @param pid    the process id (0 when it could not start)
 * @param status {@code running}, {@code exited} or {@code failed}
 */
public record SpawnResponse(String id, int pid, String status) {
}
