package io.v2e.nats.internal;

import java.util.Set;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.RemoteEndpoint;

/**
 * One name served on other hosts, as this broker sees it: {@code NAME} (subject PREFIX.NAME, any
 * host of the queue group answers) or {@code NAME@HOST} (PREFIX.HOST.NAME). Requests and events
 * go out through the {@link Bridge}; the answer comes back through the broker later.
 * <p>
 * Threading: {@link #handle} on the broker worker of this name; {@link #hosts} is replaced by the
 * bridge's heartbeat thread and read by anyone (volatile, immutable set).
 */
final class NatsRemoteEndpoint implements RemoteEndpoint {

    final String name;
    final String subject;
    private final Bridge bridge;
    private volatile Set<String> hosts;

    NatsRemoteEndpoint(String name, String subject, Set<String> hosts, Bridge bridge) {
        this.name = name;
        this.subject = subject;
        this.hosts = Set.copyOf(hosts);
        this.bridge = bridge;
    }

    void hosts(Set<String> now) {
        hosts = Set.copyOf(now);
    }

    @Override
    public String host() {
        return String.join(",", new java.util.TreeSet<>(hosts));
    }

    @Override
    public String handle(Message message) {
        switch (message.type()) {
            case REQUEST:
                bridge.forwardRequest(this, message);
                break;
            case EVENT:
                bridge.forwardEvent(this, message);
                break;
            default:
                bridge.answerToRemoteIgnored();
        }
        return null;
    }
}
