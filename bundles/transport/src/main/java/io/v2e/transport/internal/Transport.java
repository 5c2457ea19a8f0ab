package io.v2e.transport.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;


import io.v2e.broker.api.Broker;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.PeerCredentials;
import io.v2e.broker.api.rpc.Registered;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageType;
import io.v2e.tuning.api.TuningProvider;

/**
 * The transport itself, free of OSGi so it can be tested directly: its listeners, its connections,
 * and the names connections hold as broker endpoints.
 * <p>
 * Connections are served by a fixed set of I/O loop threads ({@link IoLoops}), which the bound
 * TuningProvider places and tunes ({@link LoopTuner}); the thread count does not grow with the
 * connections.
 * <p>
 * Threading: {@link #start}, {@link #configure}, {@link #stop} and the provider changes serialise
 * on this object's monitor, as do accepting and removing connections; naming serialises on
 * {@link #names}. Everything a connection reads per message ({@link #settings}, {@link #codec}) is
 * a volatile field.
 */
final class Transport {

    private static final Logger LOG = System.getLogger("io.v2e.transport");
    private static final int MAX_NAME_LENGTH = 255;

    private final Broker broker;
    private final EndpointRegistrar registrar;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Names held by connections. Guarded by itself. */
    private final Map<String, Connection> names = new LinkedHashMap<>();

    private volatile TransportSettings settings;
    /** The TCP listener's shared secret (tcp_token_file), or null: then TCP does not start. */
    private volatile SecretToken tcpToken;
    /** Names external connections may take only with their token, or not at all. */
    private volatile NameReservations reservations = NameReservations.NONE;
    /** Who may send what to whom; read per message by the connections. */
    private volatile AccessPolicy policy = AccessPolicy.OPEN;
    private volatile MessageCodec codec;
    /** Guarded by this. */
    private Listener unix;
    private Listener tcp;
    private long nextId = 1;
    private boolean stopped;
    private final LoopTuner tuner;
    private final IoLoops loops;
    private final TransportCounters counters = new TransportCounters();

    /** A transport whose I/O loops no provider tunes (until {@link #providerBound}). */
    Transport(Broker broker, EndpointRegistrar registrar, TransportSettings settings) {
        this(broker, registrar, settings, null);
    }

    Transport(Broker broker, EndpointRegistrar registrar, TransportSettings settings, TuningProvider provider) {
        this.broker = broker;
        this.registrar = registrar;
        this.settings = settings;
        this.codec = new MessageCodec(settings.maxFrameBytes());
        this.tuner = new LoopTuner(provider, settings.io());
        this.loops = new IoLoops(tuner);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Opens the configured listeners.
     *
     * @throws IllegalStateException when a listener cannot start (e.g. a live broker holds the
     *                               socket); then none is left open
     */
    synchronized void start() {
        TransportSettings s = settings;
        try {
            loops.start();
        } catch (IOException e) {
            loops.stop();
            throw new IllegalStateException("cannot start the I/O loops: " + e, e);
        }
        try {
            if (s.socketEnabled()) {
                unix = bindUnix(s);
            }
            if (s.tcpEnabled()) {
                if (tcpToken == null) {
                    LOG.log(Level.ERROR, noTokenError(s));
                    settings = s.withTcp(false, s.tcpHost(), s.tcpPort());
                } else {
                    tcp = bindTcp(s);
                }
            }
        } catch (IllegalStateException e) {
            closeListener(unix);
            unix = null;
            loops.stop();
            throw e;
        }
    }

    /**
     * Applies a validated configuration live. Limits apply to every connection at once; a listener
     * whose settings changed is replaced, and the connections it had accepted are closed.
     *
     * @throws IllegalStateException naming the listener that could not start; the previous one
     *                               stays (everything else in {@code next} is applied)
     */
    synchronized void configure(TransportSettings next) {
        TransportSettings prev = settings;
        List<String> problems = new ArrayList<>();
        TransportSettings effective = next;
        if (!next.sameSocketListener(prev)) {
            Listener old = unix;
            try {
                unix = next.socketEnabled() ? bindUnix(next) : null;
                retire(old);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                effective = effective.withSocket(prev.socketEnabled(), prev.socketPath());
            }
        }
        if (!next.sameTcpListener(prev)) {
            Listener old = tcp;
            retire(old); // a port cannot be bound twice: free it first, and take it back if the new one fails
            tcp = null;
            try {
                tcp = next.tcpEnabled() ? bindTcp(next) : null;
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                effective = effective.withTcp(prev.tcpEnabled(), prev.tcpHost(), prev.tcpPort());
                if (prev.tcpEnabled()) {
                    try {
                        tcp = bindTcp(prev);
                    } catch (IllegalStateException again) {
                        problems.add("the previous TCP listener could not be restored either: " + again.getMessage());
                    }
                }
            }
        }
        if (!next.io().equals(prev.io())) {
            try {
                tuner.configure(next.io());
                loops.nudgeAll();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                effective = effective.withIo(prev.io());
            }
        }
        if (effective.maxFrameBytes() != prev.maxFrameBytes()) {
            codec = new MessageCodec(effective.maxFrameBytes());
        }
        settings = effective;
        for (Connection c : connections) {
            c.applyLimits(effective);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    /** Closes the listeners and every connection (names are unregistered, so waiting requests get errors). */
    void stop() {
        List<Connection> open;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            closeListener(unix);
            closeListener(tcp);
            unix = null;
            tcp = null;
            open = new ArrayList<>(connections);
        }
        for (Connection c : open) {
            c.close("transport stopped", null);
        }
        for (Connection c : open) {
            c.awaitClosed(5000);
        }
        loops.stop(); // each loop restores its own tuning before it exits
    }

    // ---------------------------------------------------------------- tuning of the I/O loops

    /** A (better) provider: each loop undoes the old one's settings and applies the new one's. */
    synchronized void providerBound(TuningProvider p) {
        tuner.bind(p);
        loops.nudgeAll();
    }

    /** The provider is going away: returns once no loop runs with its settings (bounded wait). */
    void providerUnbound(TuningProvider p) {
        synchronized (this) {
            tuner.unbind(p);
            loops.nudgeAll();
        }
        // also when a better provider replaced it already: loops may still be running with its settings
        loops.awaitProviderDropped(p);
    }

    /** True once every loop applied the current plan (within {@code nanos}). */
    boolean awaitPlanApplied(long nanos) {
        return loops.awaitPlanApplied(nanos);
    }

    List<IoLoop> loops() {
        return loops.loops();
    }

    /** The loops' placement, tuning outcomes and /proc read-back ({@code transport:threads}, RPCGetTransportThreads). */
    TransportThreads threads() {
        return TransportThreads.of(tuner.plan(), loops.loops());
    }

    private Listener bindUnix(TransportSettings s) {
        try {
            Listener l = Listener.unix(s.socketPath(), this::accepted);
            l.start();
            LOG.log(Level.INFO, "listening on UNIX socket {0}", s.socketPath());
            return l;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on UNIX socket " + s.socketPath() + ": " + e, e);
        }
    }

    /** Sets the secret TCP connections must send first (null: TCP refuses to start); applies to new connections. */
    void tcpToken(SecretToken token) {
        this.tcpToken = token;
    }

    SecretToken tcpToken() {
        return tcpToken;
    }

    /** Sets the reserved names and their tokens; applies to the next registration (held names stay held). */
    void reservations(NameReservations r) {
        this.reservations = r;
    }

    NameReservations reservations() {
        return reservations;
    }

    /** Sets the authorization policy; applies to the next message of every connection (none is dropped). */
    void policy(AccessPolicy p) {
        this.policy = p;
    }

    AccessPolicy policy() {
        return policy;
    }

    private static String noTokenError(TransportSettings s) {
        return "TCP listener " + s.tcpHost() + ":" + s.tcpPort() + " not started: tcp_enabled needs tcp_token_file (a file "
                + "whose first line is the shared token every TCP client sends first; see the transport README)";
    }

    private Listener bindTcp(TransportSettings s) {
        if (tcpToken == null) {
            throw new IllegalStateException(noTokenError(s));
        }
        try {
            Listener l = Listener.tcp(s.tcpHost(), s.tcpPort(), this::accepted);
            l.start();
            LOG.log(Level.INFO, "listening on TCP {0}", l.address);
            return l;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot listen on TCP " + s.tcpHost() + ":" + s.tcpPort() + ": " + e, e);
        }
    }

    /** Lock held. Closes a listener that was replaced or disabled, and the connections it accepted. */
    private void retire(Listener old) {
        if (old == null) {
            return;
        }
        closeListener(old);
        for (Connection c : connections) {
            if (c.listener == old) {
                c.close("its listener " + old + " was closed", "the " + old.kind + " listener " + old.address
                        + " was closed by a configuration change");
            }
        }
    }

    private static void closeListener(Listener l) {
        if (l != null) {
            l.close();
        }
    }

    // ---------------------------------------------------------------- connections

    /** The accept thread of {@code listener}. */
    void accepted(Listener listener, SocketChannel channel) {
        synchronized (this) {
            if (!stopped && (listener == unix || listener == tcp)) {
                TransportSettings s = settings;
                if (connections.size() < s.maxConnections()) {
                    try {
                        Connection c = new Connection(nextId++, listener, peerOf(listener, channel), this, channel,
                                loops.next());
                        connections.add(c);
                        counters.accepted.increment();
                        c.start();
                        return;
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "cannot set up a connection from {0}: {1}", listener, e);
                        closeQuietly(channel);
                        return;
                    }
                }
                LOG.log(Level.WARNING, "refused a connection on {0}: max_connections {1} reached", listener,
                        s.maxConnections());
                refuse(channel, "too many connections: max_connections " + s.maxConnections() + " reached");
                return;
            }
        }
        refuse(channel, "the transport is stopping");
    }

    /** Writes one error line to a fresh connection (its send buffer is empty: this never blocks) and closes it. */
    private void refuse(SocketChannel channel, String error) {
        counters.refused.increment();
        try {
            ByteBuffer line = codec.encodeLine(new Message(MessageType.ERROR, "", null, error, Broker.BROKER_TARGET, null, null));
            while (line.hasRemaining() && channel.write(line) > 0) {
                // a fresh socket takes a short line at once
            }
        } catch (IOException e) {
            // the peer left already
        } finally {
            closeQuietly(channel);
        }
    }

    private static String peerOf(Listener listener, SocketChannel channel) {
        try {
            SocketAddress a = channel.getRemoteAddress();
            if (a instanceof InetSocketAddress) {
                InetSocketAddress i = (InetSocketAddress) a;
                return "tcp " + i.getAddress().getHostAddress() + ":" + i.getPort();
            }
        } catch (IOException e) {
            // described by the listener alone
        }
        return listener.kind;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** A connection's loop, after its cleanup. */
    void removed(Connection c) {
        connections.remove(c);
    }

    // ---------------------------------------------------------------- names

    /**
     * Gives {@code connection} the endpoint name {@code wanted}; a connection holding it already is
     * replaced (its name is unregistered first, so requests it was given are answered with errors,
     * and it is closed). A reserved name needs {@code token} (its name_tokens token), for a
     * replacement too.
     *
     * @param token the token the connection offered, or null (never logged or echoed)
     * @return null when registered, else why not
     */
    String register(Connection connection, String wanted, String token) {
        String problem = checkName(wanted);
        if (problem == null) {
            problem = reservations.refusal(wanted, token);
            if (problem != null) {
                LOG.log(Level.WARNING, "connection #{0} ({1}) refused reserved name ''{2}'': {3}", connection.id,
                        connection.credentials.describe(), wanted, token == null ? "no token" : "wrong token or none usable");
            }
        }
        if (problem != null) {
            return problem;
        }
        Connection old;
        synchronized (names) {
            String current = connection.name();
            if (current != null) {
                return current.equals(wanted) ? null
                        : "this connection is registered as '" + current + "' already (one name per connection)";
            }
            if (heldByInternalEndpoint(wanted)) {
                return "name '" + wanted + "' is held by an endpoint inside the container";
            }
            old = names.get(wanted);
            if (old == null && broker.endpointKind(wanted) == EndpointKind.EXTERNAL) {
                return "name '" + wanted + "' is held by another endpoint (a supervised process, say)";
            }
            if (old != null && !PeerIdentity.sameOwner(old.credentials, connection.credentials)) {
                LOG.log(Level.WARNING, "connection #{0} ({1}) refused name ''{2}'': held by #{3} ({4})", connection.id,
                        connection.credentials.describe(), wanted, old.id, old.credentials.describe());
                return "name '" + wanted + "' is held by a connection of " + owner(old.credentials)
                        + "; only the same user may replace it";
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("v2e.transport.connection", connection.id);
            props.put("v2e.transport.peer", connection.peer);
            props.put("v2e.transport.peer.credentials", connection.credentials.describe());
            Runnable unregister = registrar.register(wanted, new ConnectionEndpoint(connection), props);
            names.put(wanted, connection);
            connection.named(wanted, () -> {
                unregister.run();
                synchronized (names) {
                    names.remove(wanted, connection);
                }
            });
            if (old != null) {
                // Unregister now rather than when its thread gets to it: from here on the name is the new one's.
                Runnable oldUnregister = old.takeUnregister();
                if (oldUnregister != null) {
                    oldUnregister.run();
                }
            }
        }
        if (old != null) {
            old.close("replaced by a newer connection named '" + wanted + "'",
                    "replaced by a newer connection named '" + wanted + "'");
        }
        LOG.log(Level.INFO, "connection #{0} ({1}, {2}) registered as endpoint ''{3}''", connection.id, connection.peer,
                connection.credentials.describe(), wanted);
        return null;
    }

    private static String owner(PeerCredentials c) {
        return PeerIdentity.TCP.equals(c.channel()) ? "a TCP peer" : "user '" + (c.user() == null ? "?" : c.user()) + "'";
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            return "a name is required (payload {\"name\": \"...\"}, or the source of a subprocess_ready event)";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch)) {
                return "name '" + name + "' contains whitespace or control characters";
            }
        }
        if (Broker.BROKER_TARGET.equals(name)) {
            return "name 'broker' is the broker's own";
        }
        if (name.startsWith(Connection.ANONYMOUS_PREFIX)) {
            return "names starting with '" + Connection.ANONYMOUS_PREFIX + "' are the identities of unnamed connections";
        }
        return null;
    }

    private boolean heldByInternalEndpoint(String name) {
        return broker.endpointKind(name).isInContainer();
    }

    String registeredPayload(String name) {
        return RpcJson.write(new Registered(name, true));
    }

    // ---------------------------------------------------------------- shared by connections

    Broker broker() {
        return broker;
    }

    TransportSettings settings() {
        return settings;
    }

    MessageCodec codec() {
        return codec;
    }

    TransportCounters counters() {
        return counters;
    }

    // ---------------------------------------------------------------- introspection

    /** For people: the listeners, then one line per connection. */
    String describe() {
        StringBuilder b = new StringBuilder();
        Listener u = unixListener();
        Listener t = tcpListener();
        b.append("unix: ").append(u == null ? "off" : u.address).append('\n');
        b.append("tcp:  ").append(t == null ? "off" : t.address).append('\n');
        b.append("policy: ").append(policy.describe()).append(", refusals ").append(counters.policyRefusals.sum())
                .append('\n');
        b.append(String.format("%-5s %-20s %-24s %10s %10s %5s %8s %12s %8s", "ID", "PEER", "NAME", "IN", "OUT", "BAD",
                "INFLIGHT", "QUEUED_B", "DROPPED"));
        List<Connection> list = connections();
        list.sort(java.util.Comparator.comparingLong(c -> c.id));
        for (Connection c : list) {
            b.append('\n').append(String.format("%-5d %-20s %-24s %10d %10d %5d %8d %12d %8d", c.id, c.peer,
                    c.name() == null ? "-" : c.name(), c.framesIn(), c.framesOut(), c.badFrames(), c.inflightRequests(),
                    c.outbound().queuedBytes(), c.outbound().droppedMessages()));
        }
        return b.toString();
    }

    List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    synchronized Listener unixListener() {
        return unix;
    }

    synchronized Listener tcpListener() {
        return tcp;
    }

    /** How many names connections hold now. */
    int namedCount() {
        synchronized (names) {
            return names.size();
        }
    }

    /** The connection holding {@code name}, or null. */
    Connection named(String name) {
        synchronized (names) {
            return names.get(name);
        }
    }
}
