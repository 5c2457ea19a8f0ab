package io.v2e.broker.internal;

/**
 * What a producer does when the target's queue is full. The constants are the configuration's own
 * words ({@code offer_policy = drop_oldest}): Declarative Services converts a property to an enum
 * with {@code Enum.valueOf}, which is case-sensitive.
 */
enum OfferPolicy {
    /** Wait for room (a producer on a worker thread never waits; see {@link Admission}). */
    block,
    /** Drop the new message. */
    drop,
    /** Keep the newest messages: the worker discards the oldest beyond the capacity. */
    drop_oldest,
    /** Wait up to offer_timeout_ms for room, then drop the new message. */
    timeout
}
