package io.v2e.broker.api;

import java.util.Objects;

/**
 * One message in the v2e broker's form. The wire fields are immutable; {@code payload} is raw JSON
 * text (an object, array or scalar exactly as it arrived, or {@code null} when absent) and is never
 * parsed or re-encoded by routing.
 * <p>
 * Besides the wire fields a message has one private field, the time the broker accepted it, which
 * only the broker implementation writes and reads (through a private lookup, before and after its
 * queue hand-off) so the hand-off needs no second object per message. It is not part of the API:
 * no method exposes it and {@link #equals} ignores it. Send one instance once; resending an
 * instance while it is still queued overwrites that stamp (only latency statistics are affected).
 */
public final class Message {

    private final MessageType type;
    private final String id;
    private final String payload;
    private final String error;
    private final String source;
    private final String target;
    private final String correlationId;

    /**
     * Broker bookkeeping, not API: written by the broker implementation on acceptance and read by
     * its worker after the queue hand-off (which publishes the write), through a private lookup.
     */
    @SuppressWarnings("unused")
    private long acceptedNanos;

    /**
     * @param type          required
     * @param id            method name for a request (echoed by its answer), event name for an event
     * @param payload       raw JSON text, or null for none
     * @param error         error text of an ERROR message, else null
     * @param source        sender's name, or null
     * @param target        receiver's name, or null
     * @param correlationId pairs a request with its answer, or null
     */
    public Message(MessageType type, String id, String payload, String error, String source, String target,
            String correlationId) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = id == null ? "" : id;
        this.payload = payload;
        this.error = error;
        this.source = source;
        this.target = target;
        this.correlationId = correlationId;
    }

    public static Message request(String source, String target, String method, String payloadJson,
            String correlationId) {
        return new Message(MessageType.REQUEST, method, payloadJson, null, source, target, correlationId);
    }

    public static Message event(String source, String target, String name, String payloadJson) {
        return new Message(MessageType.EVENT, name, payloadJson, null, source, target, null);
    }

    /** The RESPONSE to this message: same id and correlation id, from its target back to its source. */
    public Message response(String payloadJson) {
        return new Message(MessageType.RESPONSE, id, payloadJson, null, target, source, correlationId);
    }

    /** The ERROR answer to this message, sent by {@code from} back to this message's source. */
    public Message errorReply(String from, String errorText) {
        return new Message(MessageType.ERROR, id, null, errorText, from, source, correlationId);
    }

    public Message withCorrelationId(String newCorrelationId) {
        return new Message(type, id, payload, error, source, target, newCorrelationId);
    }

    public Message withSource(String newSource) {
        return new Message(type, id, payload, error, newSource, target, correlationId);
    }

    public MessageType type() {
        return type;
    }

    /** Never null; empty when absent. */
    public String id() {
        return id;
    }

    /** Raw JSON text, or null when the message has no payload. */
    public String payload() {
        return payload;
    }

    public String error() {
        return error;
    }

    public String source() {
        return source;
    }

    public String target() {
        return target;
    }

    public String correlationId() {
        return correlationId;
    }

    /** Equal wire fields (the acceptance stamp is not part of a message's identity). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return type == m.type && id.equals(m.id) && Objects.equals(payload, m.payload)
                && Objects.equals(error, m.error) && Objects.equals(source, m.source)
                && Objects.equals(target, m.target) && Objects.equals(correlationId, m.correlationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, payload, error, source, target, correlationId);
    }

    /** The NDJSON line (without the newline). */
    @Override
    public String toString() {
        return MessageCodec.DEFAULT.encode(this);
    }
}
