package io.v2e.broker.api.rpc;

import java.util.ArrayList;
import java.util.List;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.EndpointStats;

/** RPCListEndpoints: the names held now (sorted), who holds each and the worker serving it. */
public record EndpointList(List<Entry> endpoints) {

    public EndpointList {
        endpoints = List.copyOf(endpoints);
    }

    /** One held name. */
    public record Entry(String name, EndpointKind kind, int worker) {
    }

    /** The names of a snapshot that someone holds ({@link EndpointKind#ABSENT} ones left out). */
    public static EndpointList of(BrokerStats s) {
        List<Entry> held = new ArrayList<>();
        for (EndpointStats e : s.endpoints()) {
            if (e.kind() != EndpointKind.ABSENT) {
                held.add(new Entry(e.name(), e.kind(), e.worker()));
            }
        }
        return new EndpointList(held);
    }
}
