package io.v2e.broker.api.rpc;

import io.v2e.broker.api.BrokerStats;

/** RPCGetMessageCount: messages accepted (or dropped) and delivered since the broker started. */
public record MessageCount(long count, long delivered) {

    public static MessageCount of(BrokerStats s) {
        return new MessageCount(s.received(), s.delivered());
    }
}
