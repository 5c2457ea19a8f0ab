package io.v2e.broker.api;

/** The four kinds of message, written on the wire in lower case. */
public enum MessageType {
    REQUEST("request"),
    RESPONSE("response"),
    EVENT("event"),
    ERROR("error");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: {@code request}, {@code response}, {@code event}, {@code error}. */
    public String wireName() {
        return wireName;
    }

    /** True for the answers to a request: RESPONSE and ERROR. */
    public boolean isAnswer() {
        return this == RESPONSE || this == ERROR;
    }

    /**
     * The type with this wire name.
     *
     * @throws IllegalArgumentException naming the unknown type and the known ones
     */
    public static MessageType ofWireName(String name) {
        switch (name) {
            case "request": return REQUEST;
            case "response": return RESPONSE;
            case "event": return EVENT;
            case "error": return ERROR;
            default:
                throw new IllegalArgumentException("unknown message type '" + name
                        + "' (expected request, response, event or error)");
        }
    }
}
