package io.v2e.broker.api;

import java.util.Optional;

/**
 * A line that is not a valid message. Carries what could be read before the fault, so the answer
 * to a bad line can still name its request ({@code id} and {@code correlation_id}).
 */
public final class MessageFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final String correlationId;

    public MessageFormatException(String message, String id, String correlationId, Throwable cause) {
        super(message, cause);
        this.id = id;
        this.correlationId = correlationId;
    }

    /** The {@code id} field, when it was read before the fault. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The {@code correlation_id} field, when it was read before the fault. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }
}
