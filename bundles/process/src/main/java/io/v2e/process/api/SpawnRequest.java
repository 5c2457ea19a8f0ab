package io.v2e.process.api;

import java.util.List;

/**
 * The payload of the four spawn RPCs, as v2e has it.
 *
 * @param id          the service name (its broker endpoint name), required
 * @param command     the program, required (a path, or a name looked up in PATH)
 * @param args        its arguments; may be absent
 * @param maxRestarts restarts allowed (-1 unlimited, the default); only the *WithRestart methods read it
 */
public record SpawnRequest(String id, String command, List<String> args, Integer maxRestarts) {
}
