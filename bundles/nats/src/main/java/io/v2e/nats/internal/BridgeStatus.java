package io.v2e.nats.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** What {@code nats:status} shows: the connection, what is exported, the other hosts, counters, the bridge's threads. */
record BridgeStatus(String host, List<String> servers, String prefix, String connection,
        @JsonProperty("connected_url") String connectedUrl, @JsonProperty("last_event") String lastEvent,
        @JsonProperty("last_error") String lastError,
        List<String> exported, List<Host> hosts, Map<String, String> remote, Counters counters,
        List<BridgeThreads.ThreadReport> threads) {

    record Host(String host, List<String> endpoints, @JsonProperty("last_seen_ms_ago") long lastSeenMsAgo) {
    }

    /**
     * @param forwarded         requests sent to other hosts
     * @param forwardedAnswered of those, answered by the other host
     * @param forwardedErrors   of those, answered here with an error (timeout, no responders, not connected)
     * @param served            requests from other hosts handed to this broker
     * @param refusedLoops      messages from NATS for a name that is only remote here (never sent back out)
     */
    record Counters(long forwarded, @JsonProperty("forwarded_answered") long forwardedAnswered,
            @JsonProperty("forwarded_errors") long forwardedErrors, long served,
            @JsonProperty("refused_loops") long refusedLoops, @JsonProperty("events_out") long eventsOut,
            @JsonProperty("events_in") long eventsIn, @JsonProperty("bad_messages") long badMessages) {
    }

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Indented, for a person (nats:status --json). */
    String toJson() {
        return write(JSON);
    }

    /** One line, for an RPC payload (a payload is carried inside one NDJSON line). */
    String toCompactJson() {
        return write(COMPACT);
    }

    private String write(ObjectMapper m) {
        try {
            return m.writeValueAsString(this);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        b.append("host ").append(host).append(", prefix ").append(prefix).append(", servers ").append(servers).append('\n');
        b.append("connection ").append(connection).append(connectedUrl == null ? "" : " to " + connectedUrl)
                .append(" (last event: ").append(lastEvent).append(")\n");
        if (lastError != null) {
            b.append("last error ").append(lastError).append('\n');
        }
        b.append("exported ").append(exported).append('\n');
        b.append(String.format("%-20s %-10s %s%n", "HOST", "SEEN_MS", "ENDPOINTS"));
        for (Host h : hosts) {
            b.append(String.format("%-20s %-10d %s%n", h.host(), h.lastSeenMsAgo(), h.endpoints()));
        }
        b.append(String.format("%-32s %s%n", "REMOTE_ENDPOINT", "HOSTS"));
        remote.forEach((n, h) -> b.append(String.format("%-32s %s%n", n, h)));
        Counters c = counters;
        b.append(String.format("forwarded %d (answered %d, errors %d), served %d, refused loops %d, events out %d in %d,"
                + " bad messages %d%n", c.forwarded(), c.forwardedAnswered(), c.forwardedErrors(), c.served(),
                c.refusedLoops(), c.eventsOut(), c.eventsIn(), c.badMessages()));
        b.append(String.format("%-16s %-7s %-6s %-8s %-24s %-24s %s%n", "THREAD", "TID", "PLAN", "PROVIDER",
                "AFFINITY", "NICE", "IO"));
        for (BridgeThreads.ThreadReport t : threads) {
            b.append(String.format("%-16s %-7d %-6s %-8s %-24s %-24s %s%n", t.name(), t.tid(),
                    t.generation() + (t.current() ? "" : "*"), t.provider(), t.affinity(), t.nice(), t.io()));
        }
        return b.toString().stripTrailing();
    }
}
