package io.v2e.nats.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The other hosts of the cluster as their announcements describe them, and the remote endpoints
 * registered here for them: {@code NAME@HOST} per host and endpoint, {@code NAME} while any host
 * serves NAME. A host is dropped (its endpoints unregistered) when it says bye or stays silent for
 * {@code heartbeat_misses} of its own announced intervals (plus half of one).
 * <p>
 * Threading: confined to the bridge's heartbeat thread (announcements are handed to it), so the
 * registrations change in one order and never under a lock another thread could hold.
 */
final class RemoteHosts {

    private static final Logger LOG = System.getLogger("io.v2e.nats");

    record HostState(String host, String instance, Set<String> endpoints, long lastSeenNanos, long heartbeatMs) {
    }

    private record Registered(NatsRemoteEndpoint endpoint, Runnable unregister) {
    }

    interface EndpointFactory {
        NatsRemoteEndpoint create(String name, String subject, Set<String> hosts);
    }

    private final String ownHost;
    private final int misses;
    private final long ownHeartbeatMs;
    private final Subjects subjects;
    private final EndpointRegistrar registrar;
    private final EndpointFactory factory;
    private final Map<String, HostState> hosts = new TreeMap<>();
    private final Map<String, Registered> registered = new TreeMap<>();

    /**
     * @param misses         announcements a host may miss (its own interval, as it announces it)
     * @param ownHeartbeatMs the interval assumed for a host that announces none
     */
    RemoteHosts(String ownHost, int misses, long ownHeartbeatMs, Subjects subjects, EndpointRegistrar registrar,
            EndpointFactory factory) {
        this.ownHost = ownHost;
        this.misses = misses;
        this.ownHeartbeatMs = ownHeartbeatMs;
        this.subjects = subjects;
        this.registrar = registrar;
        this.factory = factory;
    }

    void announced(Announcement a, long nowNanos) {
        if (a.host().equals(ownHost)) {
            return;
        }
        Set<String> valid = new TreeSet<>();
        for (String e : a.endpoints()) {
            if (Subjects.isEndpointToken(e)) {
                valid.add(e);
            }
        }
        HostState before = hosts.put(a.host(), new HostState(a.host(), a.instance(), Set.copyOf(valid), nowNanos,
                a.heartbeatMs()));
        if (before == null) {
            LOG.log(Level.INFO, "NATS host ''{0}'' joined with endpoints {1}", a.host(), valid);
        }
        if (before == null || !before.endpoints().equals(valid)) {
            reconcile();
        }
    }

    void bye(Announcement a) {
        HostState s = hosts.get(a.host());
        if (s != null && (a.instance() == null || a.instance().equals(s.instance()))) {
            hosts.remove(a.host());
            LOG.log(Level.INFO, "NATS host ''{0}'' left (bye)", a.host());
            reconcile();
        }
    }

    /** Drops the hosts silent for longer than the expiry time. */
    void expire(long nowNanos) {
        List<String> gone = new ArrayList<>();
        for (HostState s : hosts.values()) {
            long hb = s.heartbeatMs() > 0 ? s.heartbeatMs() : ownHeartbeatMs;
            if (nowNanos - s.lastSeenNanos() > TimeUnit.MILLISECONDS.toNanos(hb * misses + hb / 2)) {
                gone.add(s.host());
            }
        }
        if (!gone.isEmpty()) {
            for (String h : gone) {
                hosts.remove(h);
                LOG.log(Level.WARNING, "NATS host ''{0}'' missed its heartbeats: its endpoints are removed", h);
            }
            reconcile();
        }
    }

    /** Unregisters everything (the bridge stops). */
    void clear() {
        hosts.clear();
        reconcile();
    }

    List<HostState> hosts() {
        return new ArrayList<>(hosts.values());
    }

    /** Registered names (NAME and NAME@HOST) with their hosts. */
    Map<String, String> registeredNames() {
        Map<String, String> m = new TreeMap<>();
        registered.forEach((n, r) -> m.put(n, r.endpoint().host()));
        return m;
    }

    private void reconcile() {
        Map<String, Set<String>> wanted = new HashMap<>();
        Map<String, String> subjectOf = new HashMap<>();
        for (HostState s : hosts.values()) {
            for (String e : s.endpoints()) {
                String one = e + Subjects.AT + s.host();
                wanted.computeIfAbsent(one, k -> new TreeSet<>()).add(s.host());
                subjectOf.put(one, subjects.ofHost(s.host(), e));
                wanted.computeIfAbsent(e, k -> new TreeSet<>()).add(s.host());
                subjectOf.put(e, subjects.shared(e));
            }
        }
        for (String name : new ArrayList<>(registered.keySet())) {
            if (!wanted.containsKey(name)) {
                registered.remove(name).unregister().run();
            }
        }
        for (Map.Entry<String, Set<String>> w : wanted.entrySet()) {
            Registered r = registered.get(w.getKey());
            if (r == null) {
                NatsRemoteEndpoint ep = factory.create(w.getKey(), subjectOf.get(w.getKey()), w.getValue());
                registered.put(w.getKey(), new Registered(ep, registrar.register(w.getKey(), ep)));
            } else {
                r.endpoint().hosts(w.getValue());
            }
        }
    }
}
