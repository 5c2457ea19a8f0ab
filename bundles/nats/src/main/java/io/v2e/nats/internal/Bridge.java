package io.v2e.nats.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageFormatException;
import io.v2e.broker.api.MessageType;

/**
 * One NATS connection and everything on it: the {@link Exporter} (local endpoints served on NATS),
 * the {@link RemoteHosts} (other hosts' endpoints registered here), the heartbeat, and the two
 * directions of a request. Free of OSGi (the component passes the broker and a registrar).
 * <p>
 * Threading: jnats' dispatcher thread runs incoming messages ({@link #serve}, announcements);
 * broker workers call {@link #forwardRequest}/{@link #forwardEvent}; the answers of forwarded
 * requests complete on jnats' threads or the JDK's timeout thread; everything that changes the
 * exported set or the registrations runs on the one heartbeat thread ({@link #heartbeat}).
 */
final class Bridge implements ConnectionListener, ErrorListener {

    private static final Logger LOG = System.getLogger("io.v2e.nats");
    /** NATS header naming the host a message comes from. */
    static final String HOST_HEADER = "v2e-host";

    private final Broker broker;
    private final BridgeSettings settings;
    private final Subjects subjects;
    private final BridgeThreads threads;
    private final MessageCodec codec = MessageCodec.DEFAULT;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService heartbeat;
    private final ExecutorService natsExecutor;
    private final Exporter exporter;
    private final RemoteHosts remotes;
    private volatile Connection connection;
    private volatile boolean stopped;
    private volatile String lastEvent = "connecting";
    /**
     * Why the last connection attempt or the connection failed (the server's -ERR such as
     * "Authorization Violation", a TLS handshake failure), until a connection is up again; named in
     * every error answer while not connected and in nats:status.
     */
    private volatile String lastError;
    /** The control subscriptions exist (heartbeat thread only; jnats renews them after a reconnect). */
    private boolean subscribed;

    final LongAdder forwarded = new LongAdder();
    final LongAdder forwardedAnswered = new LongAdder();
    final LongAdder forwardedErrors = new LongAdder();
    final LongAdder served = new LongAdder();
    final LongAdder refusedLoops = new LongAdder();
    final LongAdder badMessages = new LongAdder();
    final LongAdder eventsOut = new LongAdder();
    final LongAdder eventsIn = new LongAdder();
    private final LongAdder ignoredAnswers = new LongAdder();

    Bridge(Broker broker, BridgeSettings settings, EndpointRegistrar registrar, BridgeThreads threads) {
        this.broker = broker;
        this.settings = settings;
        this.subjects = new Subjects(settings.prefix());
        this.threads = threads;
        ScheduledThreadPoolExecutor hb = new ScheduledThreadPoolExecutor(1, threads);
        hb.setRemoveOnCancelPolicy(true);
        this.heartbeat = hb;
        this.natsExecutor = threads.executor();
        this.exporter = new Exporter(settings, subjects, this::serve);
        this.remotes = new RemoteHosts(settings.hostName(), settings.heartbeatMisses(), settings.heartbeatMs(), subjects,
                settings.importEnabled() ? registrar : (name, ep) -> () -> { },
                (name, subject, hosts) -> new NatsRemoteEndpoint(name, subject, hosts, this));
    }

    BridgeSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts connecting in the background (retrying until a server answers); returns at once. */
    void start() {
        Options options;
        try {
            options = options();
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("NATS options: " + e.getMessage(), e);
        }
        try {
            Nats.connectAsynchronously(options, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the NATS connection");
        }
        heartbeat.scheduleWithFixedDelay(this::beat, settings.heartbeatMs(), settings.heartbeatMs(), TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "NATS bridge starting: {0}", settings);
    }

    private Options options() throws GeneralSecurityException, java.io.IOException {
        Options.Builder b = new Options.Builder()
                .servers(settings.servers().toArray(new String[0]))
                .connectionName(settings.connectionName())
                .connectionTimeout(Duration.ofMillis(settings.connectionTimeoutMs()))
                .reconnectWait(Duration.ofMillis(settings.reconnectWaitMs()))
                .maxReconnects(settings.maxReconnects())
                .reportNoResponders()
                .noEcho() // our own announcements and requests never come back to us
                .executor(natsExecutor)
                .callbackThreadFactory(threads)
                // not connectThreadFactory: jnats keeps that thread for (re)connect attempts, runs its later
                // tasks without a hook, and it is on no message's path; it stays jnats' own, untuned
                .connectionListener(this)
                .errorListener(this);
        if (!settings.username().isEmpty()) {
            b.userInfo(settings.username(), settings.password());
        }
        if (!settings.token().isEmpty()) {
            b.token(settings.token().toCharArray());
        }
        if (!settings.credentialsFile().isEmpty()) {
            b.authHandler(Nats.credentials(settings.credentialsFile()));
        }
        if (settings.tls()) {
            if (!settings.keystore().isEmpty()) {
                b.keystorePath(settings.keystore()).keystorePassword(settings.keystorePassword().toCharArray());
            }
            if (!settings.truststore().isEmpty()) {
                b.truststorePath(settings.truststore()).truststorePassword(settings.truststorePassword().toCharArray());
            }
            if (settings.keystore().isEmpty() && settings.truststore().isEmpty()) {
                b.sslContext(javax.net.ssl.SSLContext.getDefault());
            }
            if (settings.tlsFirst()) {
                b.tlsFirst();
            }
        }
        return b.build();
    }

    /** Says bye, closes the connection, unregisters every remote endpoint; idempotent. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Connection c = connection;
        try {
            heartbeat.submit(() -> {
                remotes.clear();
                if (c != null && c.getStatus() == Connection.Status.CONNECTED) {
                    c.publish(subjects.bye(), announcement(List.of()).toJson());
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "NATS bridge: stopping: {0}", e.toString());
        }
        heartbeat.shutdownNow();
        if (c != null) {
            try {
                c.flush(Duration.ofSeconds(1));
            } catch (Exception e) {
                // closing anyway
            }
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        natsExecutor.shutdownNow();
        LOG.log(Level.INFO, "NATS bridge stopped");
    }

    /** The local endpoint names now (any thread); exported if the settings say so. */
    void localNames(Set<String> names) {
        onHeartbeatThread(() -> {
            exporter.localNames(names);
            announce();
        });
    }

    private void onHeartbeatThread(Runnable r) {
        if (!stopped) {
            try {
                heartbeat.execute(() -> {
                    threads.retune();
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "NATS bridge: " + e, e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
    }

    // ---------------------------------------------------------------- connection events (jnats callback thread)

    /**
     * A new provider plan was published: the dispatcher and heartbeat threads pick it up between two
     * tasks, but jnats' reader and writer only when their tasks start, i.e. at a (re)connect. So if any
     * bridge thread still runs an older plan, reconnect once (requests in flight meanwhile are answered,
     * by the remote side or by the timeout).
     */
    void reconnectForRetune() {
        Connection c = connection;
        if (c == null || stopped || threads.reports().stream().allMatch(BridgeThreads.ThreadReport::current)) {
            return;
        }
        try {
            LOG.log(Level.INFO, "NATS bridge: reconnecting so that the reader and writer threads take the new tuning");
            c.forceReconnect();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "NATS bridge: reconnect for the new tuning failed: {0}", e.toString());
        }
    }

    @Override
    public void connectionEvent(Connection conn, Events type) {
        threads.retune(); // the callback thread runs nothing else of ours
        lastEvent = type.name().toLowerCase(java.util.Locale.ROOT) + " " + (conn.getConnectedUrl() == null ? ""
                : conn.getConnectedUrl());
        LOG.log(type == Events.DISCONNECTED ? Level.WARNING : Level.INFO, "NATS {0}", lastEvent);
        switch (type) {
            case CONNECTED:
                lastError = null;
                connection = conn;
                onHeartbeatThread(() -> connected(conn));
                break;
            case RECONNECTED:
                lastError = null;
                onHeartbeatThread(() -> hello(conn));
                break;
            case RESUBSCRIBED:
                onHeartbeatThread(() -> hello(conn));
                break;
            default:
        }
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        lastError = "server error: " + error;
        LOG.log(Level.WARNING, "NATS server error: {0}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        if (conn.getStatus() != Connection.Status.CONNECTED) { // a failed attempt, not a problem of one message
            lastError = ConnectionFailure.describe(exp);
        }
        LOG.log(Level.DEBUG, "NATS connection: {0}", exp.toString());
    }

    /** Heartbeat thread: subscribes control subjects and exports once the first connection is up. */
    private void connected(Connection conn) {
        if (stopped || subscribed) {
            return;
        }
        subscribed = true;
        Dispatcher d = conn.createDispatcher();
        d.subscribe(subjects.announce(), m -> control(m, false));
        d.subscribe(subjects.bye(), m -> control(m, true));
        d.subscribe(subjects.hello(), m -> onHeartbeatThread(this::announce));
        exporter.connected(d);
        hello(conn);
    }

    private void hello(Connection conn) {
        announce();
        if (conn.getStatus() == Connection.Status.CONNECTED) {
            conn.publish(subjects.hello(), new byte[0]);
        }
    }

    /** Dispatcher thread: an announcement or bye of another host, handed to the heartbeat thread. */
    private void control(io.nats.client.Message m, boolean bye) {
        threads.retune();
        Announcement a;
        try {
            a = Announcement.parse(m.getData());
        } catch (IllegalArgumentException e) {
            badMessages.increment();
            LOG.log(Level.WARNING, "ignoring a bad announcement on {0}: {1}", m.getSubject(), e.getMessage());
            return;
        }
        long now = System.nanoTime();
        onHeartbeatThread(() -> {
            if (bye) {
                remotes.bye(a);
            } else {
                remotes.announced(a, now);
            }
        });
    }

    // ---------------------------------------------------------------- heartbeat thread

    private void beat() {
        threads.retune();
        try {
            announce();
            remotes.expire(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "NATS heartbeat: " + e, e);
        }
    }

    private void announce() {
        Connection c = connection;
        if (c != null && !stopped && c.getStatus() == Connection.Status.CONNECTED) {
            c.publish(subjects.announce(), announcement(exporter.exported()).toJson());
        }
    }

    private Announcement announcement(List<String> endpoints) {
        return new Announcement(settings.hostName(), instance, endpoints, settings.heartbeatMs());
    }

    // ---------------------------------------------------------------- export: NATS -> local broker (dispatcher thread)

    /** A NATS message for local endpoint {@code name}: a request is answered on its reply subject, an event is sent on. */
    private void serve(String name, io.nats.client.Message nm) {
        threads.retune();
        String replyTo = nm.getReplyTo();
        byte[] data = nm.getData();
        Message in;
        try {
            in = codec.decode(data, 0, data.length);
        } catch (MessageFormatException e) {
            badMessages.increment();
            if (replyTo != null) {
                reply(replyTo, new Message(MessageType.ERROR, e.id().orElse(""), null,
                        "bad v2e message from NATS for '" + name + "' on host " + settings.hostName() + ": "
                                + e.getMessage(), name, null, e.correlationId().orElse(null)));
            }
            return;
        }
        String origin = nm.hasHeaders() && nm.getHeaders().getFirst(HOST_HEADER) != null
                ? nm.getHeaders().getFirst(HOST_HEADER) : "nats";
        String source = (in.source() == null || in.source().isEmpty() ? "nats" : in.source()) + Subjects.AT + origin;
        boolean remoteHere = broker.endpointKind(name) == EndpointKind.REMOTE;
        if (in.type() == MessageType.REQUEST) {
            if (replyTo == null) {
                badMessages.increment(); // a request nobody could be answered for
                return;
            }
            if (remoteHere) {
                refusedLoops.increment();
                reply(replyTo, in.errorReply(name, "endpoint '" + name + "' is not served on host "
                        + settings.hostName() + " (only remotely; a message from NATS is never sent back out)"));
                return;
            }
            served.increment();
            Message local = new Message(MessageType.REQUEST, in.id(), in.payload(), null, source, name, null);
            broker.request(local, settings.requestTimeoutMs()).whenComplete((answer, ex) -> {
                Message back = answer == null
                        ? in.errorReply(name, "host " + settings.hostName() + " failed: " + ex)
                        : answer.type() == MessageType.RESPONSE
                                ? new Message(MessageType.RESPONSE, in.id(), answer.payload(), null, in.target(), in.source(), in.correlationId())
                                : new Message(MessageType.ERROR, in.id(), null, answer.error(), in.target(), in.source(), in.correlationId());
                reply(replyTo, back);
            });
        } else if (in.type() == MessageType.EVENT) {
            if (remoteHere) {
                refusedLoops.increment();
                return;
            }
            eventsIn.increment();
            broker.send(new Message(MessageType.EVENT, in.id(), in.payload(), null, source, name, null));
        } else {
            ignoredAnswers.increment(); // answers travel as NATS replies, never to an endpoint subject
        }
    }

    private void reply(String replyTo, Message answer) {
        Connection c = connection;
        if (c == null) {
            return;
        }
        try {
            c.publish(replyTo, codec.encode(answer).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) { // closed: the caller's own timeout answers it
            LOG.log(Level.DEBUG, "NATS reply lost: {0}", e.toString());
        }
    }

    // ---------------------------------------------------------------- import: local broker -> NATS (broker workers)

    void forwardRequest(NatsRemoteEndpoint ep, Message m) {
        forwarded.increment();
        Connection c = connection;
        String cause = notUsable(c);
        if (cause != null) {
            fail(ep, m, cause + ": cannot reach '" + ep.name + "' (host " + ep.host() + ")");
            return;
        }
        Headers h = new Headers().put(HOST_HEADER, settings.hostName());
        long timeout = settings.requestTimeoutMs();
        byte[] line = codec.encode(m).getBytes(StandardCharsets.UTF_8);
        try {
            c.requestWithTimeout(ep.subject, h, line, Duration.ofMillis(timeout))
                    .orTimeout(timeout, TimeUnit.MILLISECONDS)
                    .whenComplete((reply, ex) -> {
                        if (ex == null) {
                            answered(ep, m, reply);
                        } else {
                            fail(ep, m, failure(ep, c, unwrap(ex), timeout));
                        }
                    });
        } catch (RuntimeException e) { // closed meanwhile, or a payload the server refuses
            fail(ep, m, "NATS request to '" + ep.name + "' failed: " + e.getMessage());
        }
    }

    void forwardEvent(NatsRemoteEndpoint ep, Message m) {
        Connection c = connection;
        String cause = notUsable(c);
        if (cause != null) {
            fail(ep, m, cause + ": event for '" + ep.name + "' not sent");
            return;
        }
        try {
            c.publish(ep.subject, new Headers().put(HOST_HEADER, settings.hostName()),
                    codec.encode(m).getBytes(StandardCharsets.UTF_8));
            eventsOut.increment();
        } catch (RuntimeException e) {
            fail(ep, m, "NATS publish of an event for '" + ep.name + "' failed: " + e.getMessage());
        }
    }

    void answerToRemoteIgnored() {
        ignoredAnswers.increment();
    }

    private String notUsable(Connection c) {
        if (stopped) {
            return "NATS bridge stopped";
        }
        if (c == null) {
            return "NATS not connected yet (servers " + settings.servers() + lastErrorSuffix() + ")";
        }
        Connection.Status s = c.getStatus();
        if (s == Connection.Status.CLOSED || s == Connection.Status.DISCONNECTED) {
            return "NATS connection " + s.name().toLowerCase(java.util.Locale.ROOT) + " (servers " + settings.servers()
                    + lastErrorSuffix() + ")";
        }
        return null; // CONNECTED, or RECONNECTING: jnats buffers, the timeout still answers
    }

    private void answered(NatsRemoteEndpoint ep, Message m, io.nats.client.Message reply) {
        byte[] data = reply.getData();
        Message r;
        try {
            r = codec.decode(data, 0, data.length);
        } catch (MessageFormatException e) {
            fail(ep, m, "bad answer from host " + ep.host() + " for '" + ep.name + "': " + e.getMessage());
            return;
        }
        forwardedAnswered.increment();
        broker.send(r.type() == MessageType.RESPONSE ? m.response(r.payload())
                : m.errorReply(ep.name, r.error() == null ? "error from host " + ep.host() : r.error()));
    }

    private void fail(NatsRemoteEndpoint ep, Message m, String error) {
        forwardedErrors.increment();
        broker.send(m.errorReply(ep.name, error));
    }

    private String lastErrorSuffix() {
        String e = lastError;
        return e == null ? "" : "; last error: " + e;
    }

    private static Throwable unwrap(Throwable ex) {
        while (ex instanceof CompletionException && ex.getCause() != null) {
            ex = ex.getCause();
        }
        return ex;
    }

    private String failure(NatsRemoteEndpoint ep, Connection c, Throwable ex, long timeout) {
        if (ex instanceof JetStreamStatusException && ex.getMessage() != null && ex.getMessage().contains("503")) {
            return "no host serves '" + ep.name + "' on NATS (no responders on " + ep.subject + ")";
        }
        if (ex instanceof TimeoutException || ex instanceof CancellationException) {
            return "no answer from '" + ep.name + "' (host " + ep.host() + ") over NATS within " + timeout
                    + " ms (connection " + c.getStatus().name().toLowerCase(java.util.Locale.ROOT) + lastErrorSuffix() + ")";
        }
        return "NATS request to '" + ep.name + "' failed: " + ex;
    }

    // ---------------------------------------------------------------- status

    /** A snapshot for nats:status (taken on the heartbeat thread, which owns the sets). */
    BridgeStatus status() {
        Connection c = connection;
        try {
            return heartbeat.submit(() -> snapshot(c)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return snapshot(c); // stopping: the sets are no longer changing
        }
    }

    private BridgeStatus snapshot(Connection c) {
        List<BridgeStatus.Host> hosts = new ArrayList<>();
        long now = System.nanoTime();
        for (RemoteHosts.HostState h : remotes.hosts()) {
            hosts.add(new BridgeStatus.Host(h.host(), List.copyOf(h.endpoints()),
                    TimeUnit.NANOSECONDS.toMillis(now - h.lastSeenNanos())));
        }
        Map<String, String> registered = remotes.registeredNames();
        return new BridgeStatus(settings.hostName(), settings.servers(), settings.prefix(),
                c == null ? "connecting" : c.getStatus().name().toLowerCase(java.util.Locale.ROOT),
                c == null ? null : c.getConnectedUrl(), lastEvent, lastError, exporter.exported(), hosts, registered,
                new BridgeStatus.Counters(forwarded.sum(), forwardedAnswered.sum(), forwardedErrors.sum(), served.sum(),
                        refusedLoops.sum(), eventsOut.sum(), eventsIn.sum(), badMessages.sum()),
                threads.reports());
    }
}
