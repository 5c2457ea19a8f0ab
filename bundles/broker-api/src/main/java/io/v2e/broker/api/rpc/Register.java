package io.v2e.broker.api.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RPCRegister's payload: the name a connection asks to receive messages under, and the name's
 * token when the container reserves the name with one ({@code name_tokens} of the transport, 1.3;
 * null otherwise, and then left out of the JSON). {@link #toString()} hides the token, so a log line
 * naming the record never shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Register(String name, String token) {

    /** A registration without a token (an unreserved name). */
    public Register(String name) {
        this(name, null);
    }

    @Override
    public String toString() {
        return "Register[name=" + name + ", token=" + (token == null ? "none" : "(hidden)") + "]";
    }
}
