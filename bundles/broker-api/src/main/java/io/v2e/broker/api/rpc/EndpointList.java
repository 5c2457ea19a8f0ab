package io.v2e.broker.api.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.PeerCredentials;

/** RPCListEndpoints: the names held now (sorted), who holds each and the worker serving it. */
public record EndpointList(List<Entry> endpoints) {

    public EndpointList {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One held name.
     *
     * @param host the host that answers for a {@link EndpointKind#REMOTE} name (comma-separated when
     *             several do), else null and left out on the wire (1.1)
     * @param peer who is behind an endpoint that stands for another process (a transport connection,
     *             a supervised process), as the kernel says; else null and left out on the wire (1.2)
     */
    public record Entry(String name, EndpointKind kind, int worker, @JsonInclude(JsonInclude.Include.NON_NULL) String host,
            @JsonInclude(JsonInclude.Include.NON_NULL) PeerCredentials peer) {

        /** An entry without host (an endpoint of this container). */
        public Entry(String name, EndpointKind kind, int worker) {
            this(name, kind, worker, null, null);
        }

        /** An entry without peer credentials (1.1). */
        public Entry(String name, EndpointKind kind, int worker, String host) {
            this(name, kind, worker, host, null);
        }
    }

    /** The names of a snapshot that someone holds ({@link EndpointKind#ABSENT} ones left out), without hosts. */
    public static EndpointList of(BrokerStats s) {
        return of(s, name -> null);
    }

    /** As {@link #of(BrokerStats)}, each remote name with its host from {@code hostOf} (1.1). */
    public static EndpointList of(BrokerStats s, Function<String, String> hostOf) {
        return of(s, hostOf, name -> null);
    }

    /** As {@link #of(BrokerStats, Function)}, each name with the peer credentials {@code peerOf} knows (1.2). */
    public static EndpointList of(BrokerStats s, Function<String, String> hostOf,
            Function<String, PeerCredentials> peerOf) {
        List<Entry> held = new ArrayList<>();
        for (EndpointStats e : s.endpoints()) {
            if (e.kind() != EndpointKind.ABSENT) {
                held.add(new Entry(e.name(), e.kind(), e.worker(),
                        e.kind() == EndpointKind.REMOTE ? hostOf.apply(e.name()) : null, peerOf.apply(e.name())));
            }
        }
        return new EndpointList(held);
    }
}
