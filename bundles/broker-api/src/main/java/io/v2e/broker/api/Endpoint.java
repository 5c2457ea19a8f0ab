package io.v2e.broker.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the messages whose {@code target} is this endpoint's name. Register it as an OSGi
 * service with the property {@value #NAME_PROPERTY}{@code =<name>}; when several share a name the
 * highest {@code service.ranking} receives (ties: the lowest {@code service.id}).
 * <p>
 * Threading: the broker calls {@link #handle} from one worker thread at a time for a given name,
 * in the order it accepted the messages; a handler should not block for long, since other
 * endpoints may share its worker.
 */
@ConsumerType
public interface Endpoint {

    /** Service property naming the endpoint; messages with this {@code target} reach it. */
    String NAME_PROPERTY = "broker.endpoint";

    /**
     * Handles one message.
     * <p>
     * For a REQUEST the return value is the response payload as raw JSON text (null: a response
     * without payload), which the broker sends back to the request's source; a thrown exception is
     * answered with an ERROR carrying the exception's message. For other types the return value
     * is ignored. An endpoint that {@link #answersLater() answers later} returns null.
     */
    String handle(Message message) throws Exception;

    /**
     * True for an endpoint that answers requests itself, later, by sending RESPONSE or ERROR
     * messages through the {@link Broker} (for example a connection to another process). The
     * broker then sends no response for it, and answers the requests still unanswered with an
     * error when the endpoint goes away. Default: false.
     */
    default boolean answersLater() {
        return false;
    }
}
