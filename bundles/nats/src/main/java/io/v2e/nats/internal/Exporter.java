package io.v2e.nats.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.nats.client.Dispatcher;
import io.nats.client.Subscription;

/**
 * Which local endpoints are served on NATS, and their subscriptions: {@code PREFIX.NAME} in the
 * queue group and {@code PREFIX.HOST.NAME}. Subscriptions stay across reconnects (jnats renews them).
 * <p>
 * Threading: confined to the bridge's heartbeat thread.
 */
final class Exporter {

    private static final Logger LOG = System.getLogger("io.v2e.nats");

    interface Handler {
        void onMessage(String name, io.nats.client.Message message);
    }

    private final BridgeSettings settings;
    private final Subjects subjects;
    private final Handler handler;
    private final Map<String, List<Subscription>> served = new HashMap<>();
    private final Set<String> refusedLogged = new java.util.HashSet<>();
    private Dispatcher dispatcher;
    private Set<String> local = Set.of();

    Exporter(BridgeSettings settings, Subjects subjects, Handler handler) {
        this.settings = settings;
        this.subjects = subjects;
        this.handler = handler;
    }

    /** The connection is up (first time): subscribe what is exported. */
    void connected(Dispatcher d) {
        if (dispatcher == null) {
            dispatcher = d;
            sync();
        }
    }

    /** The local endpoint names changed (services came or went). */
    void localNames(Set<String> names) {
        local = Set.copyOf(names);
        sync();
    }

    /** The names served now, sorted. */
    List<String> exported() {
        return new ArrayList<>(new TreeSet<>(served.keySet()));
    }

    private void sync() {
        Set<String> wanted = new TreeSet<>();
        for (String name : local) {
            if (!settings.exports(name)) {
                continue;
            }
            if (!Subjects.isEndpointToken(name)) {
                if (refusedLogged.add(name)) {
                    LOG.log(Level.WARNING, "endpoint ''{0}'' not exported on NATS: its name cannot be a subject token "
                            + "(no ''.'', ''@'', ''*'', ''>'' or whitespace)", name);
                }
                continue;
            }
            wanted.add(name);
        }
        if (dispatcher == null) {
            return;
        }
        for (String name : new ArrayList<>(served.keySet())) {
            if (!wanted.contains(name)) {
                for (Subscription s : served.remove(name)) {
                    dispatcher.unsubscribe(s);
                }
                LOG.log(Level.INFO, "no longer serving ''{0}'' on NATS", name);
            }
        }
        for (String name : wanted) {
            if (!served.containsKey(name)) {
                Subscription shared = dispatcher.subscribe(subjects.shared(name), settings.queueGroup(),
                        m -> handler.onMessage(name, m));
                Subscription own = dispatcher.subscribe(subjects.ofHost(settings.hostName(), name),
                        m -> handler.onMessage(name, m));
                served.put(name, List.of(shared, own));
                LOG.log(Level.INFO, "serving ''{0}'' on NATS as {1} (queue {2}) and {3}", name, subjects.shared(name),
                        settings.queueGroup(), subjects.ofHost(settings.hostName(), name));
            }
        }
    }
}
