package io.v2e.nats.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a host says on {@code PREFIX._hosts.announce} every heartbeat (and on {@code bye} when it stops):
 * its name, the instance (one per bridge start, so a late "bye" of an old instance is ignored), the
 * endpoints it exports and its heartbeat interval (so others know when it is overdue).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Announcement(String host, String instance, List<String> endpoints,
        @JsonProperty("heartbeat_ms") long heartbeatMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Announcement {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write an announcement", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not an announcement with a valid host name */
    static Announcement parse(byte[] json) {
        Announcement a;
        try {
            a = JSON.readValue(json, Announcement.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an announcement: " + e.getMessage(), e);
        }
        if (a.host() == null || !Subjects.isHostName(a.host())) {
            throw new IllegalArgumentException("announcement without a valid host name: " + a.host());
        }
        return a;
    }
}
