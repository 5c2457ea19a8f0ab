package io.v2e.broker.api.rpc;

import io.v2e.broker.api.BrokerStats;

/** The totals of RPCGetMessageStats (see {@link BrokerStats} for each counter). */
public record MessageTotals(long received, long delivered, long errors, long drops, long queueDepth,
        long unknownTarget, long unroutable) {

    public static MessageTotals of(BrokerStats s) {
        return new MessageTotals(s.received(), s.delivered(), s.errors(), s.drops(), s.queueDepth(), s.unknownTarget(),
                s.unroutable());
    }
}
