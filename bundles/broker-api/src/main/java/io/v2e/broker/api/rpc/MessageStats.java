package io.v2e.broker.api.rpc;

import java.util.List;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointStats;

/** RPCGetMessageStats: totals, and per endpoint name (sorted) its counters and latency percentiles in ns. */
public record MessageStats(MessageTotals totals, List<EndpointStats> endpoints) {

    public MessageStats {
        endpoints = List.copyOf(endpoints);
    }

    public static MessageStats of(BrokerStats s) {
        return new MessageStats(MessageTotals.of(s), s.endpoints());
    }
}
