package io.v2e.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;

/**
 * The routes by name and, per name, every endpoint service offered for it; the best candidate
 * (OSGi order) is bound to the route. A route lives as long as the broker, so a name that comes
 * back keeps its queue, worker and order.
 * <p>
 * Threading: {@link #route} from any thread (ConcurrentHashMap, no lock); the mutators are called
 * with the router's lock held.
 */
final class EndpointTable {

    private static final Logger LOG = System.getLogger("io.v2e.broker");

    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
    /** Endpoint services per name, all candidates. Guarded by the router's lock. */
    private final Map<String, List<Binding>> candidates = new HashMap<>();
    /** Places a new route on a worker. */
    private final Consumer<Route> placeNewRoute;
    /** Answers a request an endpoint was given and will now never answer. */
    private final OrphanAnswerer orphans;

    interface OrphanAnswerer {
        void wentAway(Message request, String endpointName);
    }

    EndpointTable(Endpoint brokerRpc, Consumer<Route> placeNewRoute, OrphanAnswerer orphans) {
        this.placeNewRoute = placeNewRoute;
        this.orphans = orphans;
        Route rpc = new Route(Broker.BROKER_TARGET);
        rpc.binding = new Binding(brokerRpc, Integer.MAX_VALUE, -1);
        routes.put(Broker.BROKER_TARGET, rpc);
    }

    /** The live map of routes by name, for the router's hot path (read-only there). */
    ConcurrentHashMap<String, Route> byName() {
        return routes;
    }

    /** The route of a name, or null when the name never had an endpoint. */
    Route route(String name) {
        return name == null ? null : routes.get(name);
    }

    EndpointKind kindOf(String name) {
        Route r = route(name);
        return r == null ? EndpointKind.ABSENT : r.kind();
    }

    Collection<Route> all() {
        return routes.values();
    }

    /** Every route, sorted by name (a stable order for placement and statistics). */
    List<Route> sorted() {
        List<Route> all = new ArrayList<>(routes.values());
        all.sort(Comparator.comparing(r -> r.name));
        return all;
    }

    /** Lock held. Adds a candidate for a name; the best of a name's candidates receives its messages. */
    void add(String name, Endpoint endpoint, int ranking, long serviceId) {
        if (name == null || name.isBlank()) {
            LOG.log(Level.WARNING, "ignoring endpoint service {0}: its " + Endpoint.NAME_PROPERTY + " is empty", serviceId);
            return;
        }
        if (Broker.BROKER_TARGET.equals(name)) {
            LOG.log(Level.WARNING, "ignoring endpoint service {0}: the name ''broker'' is the broker''s own", serviceId);
            return;
        }
        candidates.computeIfAbsent(name, k -> new ArrayList<>()).add(new Binding(endpoint, ranking, serviceId));
        rebind(name);
    }

    /** Lock held. */
    void remove(String name, Endpoint endpoint, long serviceId) {
        List<Binding> list = candidates.get(name);
        if (list == null) {
            return;
        }
        list.removeIf(b -> b.endpoint == endpoint && b.serviceId == serviceId);
        if (list.isEmpty()) {
            candidates.remove(name);
        }
        rebind(name);
    }

    private void rebind(String name) {
        Binding best = null;
        for (Binding b : candidates.getOrDefault(name, List.of())) {
            if (b.beats(best)) {
                best = b;
            }
        }
        Route route = routes.get(name);
        if (route == null) {
            if (best == null) {
                return;
            }
            route = new Route(name);
            placeNewRoute.accept(route);
            routes.put(name, route);
        }
        Binding old = route.binding;
        if (old == best) {
            return;
        }
        route.binding = best;
        if (old != null && old.answersLater) {
            // Its connection is gone: nobody will answer what it was given.
            for (Message waiting : old.awaiting.values()) {
                if (old.awaiting.remove(waiting.correlationId()) != null) {
                    orphans.wentAway(waiting, name);
                }
            }
        }
    }
}
