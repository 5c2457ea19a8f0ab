package io.v2e.transport.internal;

/**
 * What happens to a message for a connection whose outbound queue is full (the broker's policy
 * names). The constants are the configuration's own words: DS converts with the case-sensitive
 * {@code Enum.valueOf}.
 */
enum OutboundPolicy {
    /** Drop the new message. */
    drop,
    /** Drop the oldest message whose writing has not started. */
    drop_oldest,
    /** Wait up to outbound_timeout_ms for room, then drop the new message. */
    timeout,
    /** Refused by {@link TransportSettings}: a peer that stops reading would stall the broker's workers. */
    block
}
