package io.v2e.process.api;

import java.util.List;

/**
 * The answer of {@code RPCGetProcessLog}: the last lines of a service's stderr (and stdout in
 * socket mode), oldest first, each {@code <ISO time> <stream> <text>}.
 *
 * @param id      the service name
 * @param dropped lines dropped since the service was configured (the log keeps log_lines)
 * @param lines   the lines kept
 */
public record ProcessLog(String id, long dropped, List<String> lines) {
}
