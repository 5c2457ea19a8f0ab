package io.v2e.broker.internal;

import java.util.Locale;

/** What a producer does when the target's queue is full. */
enum OfferPolicy {
    /** Wait for room (a producer on a worker thread never waits; see {@link Router}). */
    BLOCK,
    /** Drop the new message. */
    DROP,
    /** Keep the newest messages: the worker discards the oldest beyond the capacity. */
    DROP_OLDEST,
    /** Wait up to offer_timeout_ms for room, then drop the new message. */
    TIMEOUT;

    static OfferPolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (t) {
            case "block": return BLOCK;
            case "drop": return DROP;
            case "drop_oldest": return DROP_OLDEST;
            case "timeout": return TIMEOUT;
            default:
                throw new IllegalArgumentException("offer_policy '" + text
                        + "' is unknown (expected block, drop, drop_oldest or timeout)");
        }
    }

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
