package io.v2e.broker.api;

/** What {@link Broker#send} did with a message. Anything but ACCEPTED for a request or event has
 *  already been answered to its source with an ERROR when the source is reachable. */
public enum SendResult {
    /** Queued for its target (or handed to a waiting requester). */
    ACCEPTED,
    /** No endpoint has that name. */
    UNKNOWN_TARGET,
    /** The target's queue was full and the offer policy dropped it. */
    DROPPED,
    /** Larger than the configured maximum message size. */
    TOO_LARGE,
    /** The broker is stopping and accepts nothing new. */
    STOPPED,
    /** A response or error that matched no waiting request and no endpoint. */
    UNROUTABLE,
    /**
     * A response or error for a waiting request, sent by someone the request was not delivered to
     * (its {@code source} is not the request's {@code target}): refused and counted
     * ({@link BrokerStats#forgedAnswers()}); the requester goes on waiting for the real answer.
     *
     * @since 2.3
     */
    REFUSED
}
