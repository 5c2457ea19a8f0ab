package io.v2e.broker.api.rpc;

/**
 * RPCAuthenticate's payload: the shared secret a TCP connection must send in its first line.
 * {@link #toString()} hides it, so a log line naming the record never shows the token.
 *
 * @since 1.2
 */
public record Authenticate(String token) {

    @Override
    public String toString() {
        return "Authenticate[token=(hidden)]";
    }
}
