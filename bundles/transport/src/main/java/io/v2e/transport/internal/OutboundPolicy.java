package io.v2e.transport.internal;

import java.util.Locale;

/** What happens to a message for a connection whose outbound queue is full (the broker's policy names). */
enum OutboundPolicy {
    /** Drop the new message. */
    DROP,
    /** Drop the oldest message whose writing has not started. */
    DROP_OLDEST,
    /** Wait up to outbound_timeout_ms for room, then drop the new message. */
    TIMEOUT;

    static OutboundPolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (t) {
            case "drop": return DROP;
            case "drop_oldest": return DROP_OLDEST;
            case "timeout": return TIMEOUT;
            case "block":
                throw new IllegalArgumentException("outbound_policy 'block' is refused: a peer that stops reading would "
                        + "stall the broker's workers (use timeout, drop or drop_oldest)");
            default:
                throw new IllegalArgumentException("outbound_policy '" + text
                        + "' is unknown (expected drop, drop_oldest or timeout)");
        }
    }

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
