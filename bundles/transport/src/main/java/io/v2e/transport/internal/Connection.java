package io.v2e.transport.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageFormatException;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.PeerCredentials;
import io.v2e.broker.api.SendResult;
import io.v2e.broker.api.rpc.Authenticate;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.Register;
import io.v2e.broker.api.rpc.RpcJson;

/**
 * One peer connected through a listener, served by one of the transport's I/O loops: the loop
 * reads its lines, hands the messages to the broker, and writes to it what callers could not write
 * at once (see {@link Outbound}).
 * <p>
 * Threading: {@link #ready}, {@link #registered} and the wake task run on the connection's loop
 * thread; it alone reads, dispatches and cleans up. {@link #send} may be called from any thread.
 * {@link #close} from any thread only signals; the loop does the cleanup (unregistering its name
 * may wait for the broker's lock, which a broker worker must never do).
 * <p>
 * Correlation ids: a request from a peer is sent through {@link Broker#request} with its
 * correlation id prefixed by this connection's tag, so ids chosen by different peers never meet
 * in the broker; the answer is written back with the peer's own id.
 */
final class Connection implements FrameReader.Sink {

    private static final Logger LOG = System.getLogger("io.v2e.transport");
    private static final int READ_BUFFER = 64 * 1024;
    static final String SUBPROCESS_READY = "subprocess_ready";
    static final String RPC_REGISTER = "RPCRegister";
    /** Unnamed connections are {@code conn-ID}; no connection may take such a name. */
    static final String ANONYMOUS_PREFIX = "conn-";

    final long id;
    final Listener listener;
    final String peer;
    /** Who is at the other end, as the kernel says (SO_PEERCRED on a UNIX socket). */
    final PeerCredentials credentials;
    /** The source of this connection's messages until it takes a name (it can never take this one). */
    final String anonymousIdentity;
    private final Transport transport;
    private final SocketChannel channel;
    private final IoLoop loop;
    private final Outbound outbound;
    private final FrameReader frames;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final String tag;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong correlationIds = new AtomicLong();
    /** Requests from this peer waiting for their answers. */
    private final AtomicInteger inflight = new AtomicInteger();
    /** Set by the loop when it paused this peer for max_inflight_requests; then answers wake it. */
    private volatile boolean pausedForInflight;
    /** At most one wake task queued on the loop at a time (reset by the task before it looks). */
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Runnable wakeTask = this::onWake;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Set by the loop when the peer names itself; read by any thread. */
    private volatile String name;
    private final AtomicReference<Runnable> unregister = new AtomicReference<>();
    private volatile String closeReason;

    /** Loop thread only. */
    private SelectionKey key;
    private int interestOps = SelectionKey.OP_READ;
    private boolean cleaned;

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong spoofedSources = new AtomicLong();
    /** False on TCP until the first line authenticated (loop thread only). */
    private boolean authenticated;
    private volatile boolean discardedPartial;

    Connection(long id, Listener listener, String peer, Transport transport, SocketChannel channel, IoLoop loop)
            throws IOException {
        this.id = id;
        this.listener = listener;
        this.peer = peer;
        this.credentials = PeerIdentity.of(listener.kind, channel);
        this.anonymousIdentity = ANONYMOUS_PREFIX + id;
        this.authenticated = !PeerIdentity.TCP.equals(listener.kind);
        this.transport = transport;
        this.channel = channel;
        this.loop = loop;
        this.tag = "t" + id + ":";
        channel.configureBlocking(false);
        TransportSettings s = transport.settings();
        this.frames = new FrameReader(s.maxFrameBytes());
        this.outbound = new Outbound(channel, Outbound.Limits.of(s), this::wake, transport.counters().bytesOut);
    }

    /** Hands the connection to its loop, which registers it for reading. */
    void start() {
        loop.adopt(channel, this);
    }

    /** Waits up to {@code millis} for the loop to finish this connection's cleanup. */
    void awaitClosed(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the loop thread

    /** Loop thread: the channel is registered (OP_READ). */
    void registered(SelectionKey k) {
        key = k;
        if (closing.get()) {
            cleanUpOnLoop();
        }
    }

    /** Loop thread: the channel could not be registered (closed meanwhile). */
    void registrationFailed(Exception e) {
        if (closeReason == null) {
            closeReason = "connection failed: " + e;
        }
        cleanUpOnLoop();
    }

    /** Loop thread: the selector reported the channel ready. */
    void ready(SelectionKey k) {
        if (!cleaned) {
            serve(k.isValid() && k.isWritable(), k.isValid() && k.isReadable());
        }
    }

    /**
     * Any thread: the loop must look at this connection (flush on writability, resume reading,
     * clean up). Queues at most one task, and wakes the loop only if it sleeps.
     */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            loop.execute(wakeTask);
        }
    }

    private void onWake() {
        wakePending.set(false);
        if (cleaned || key == null) {
            return; // not registered yet: registered() looks at closing itself
        }
        // read only if reading was paused; otherwise the selector reports what arrives
        serve(false, (interestOps & SelectionKey.OP_READ) == 0);
    }

    /** Loop thread: cleans up if closing or a write failed, else flushes, reads and updates the interest set. */
    private void serve(boolean writable, boolean read) {
        try {
            if (closing.get() || outbound.failure() != null) {
                cleanUpOnLoop();
                return;
            }
            if (writable) {
                outbound.flushWhenWritable();
            }
            if (read && !mustPause() && !readAvailable()) {
                closeReason = "peer closed the connection";
                cleanUpOnLoop();
                return;
            }
            updateInterest();
        } catch (IOException | RuntimeException e) {
            closeReason = "connection failed: " + e;
            cleanUpOnLoop();
        }
    }

    /** Loop thread: read while not paused, write interest only while the socket is full (a partial write). */
    private void updateInterest() {
        int ops = (mustPause() ? 0 : SelectionKey.OP_READ) | (outbound.socketFull() ? SelectionKey.OP_WRITE : 0);
        if (ops != interestOps && key.isValid()) {
            key.interestOps(ops);
            interestOps = ops;
        }
    }

    /**
     * Reads what the socket holds now and handles its lines, until reading must pause; false at
     * end of stream. Bytes read but not handled when reading paused stay in the buffer, first in line.
     */
    private boolean readAvailable() throws IOException {
        if (!handleBuffered()) {
            return true;
        }
        for (int reads = 0; reads < 16; reads++) {
            int n = channel.read(readBuffer);
            if (n < 0) {
                return false;
            }
            transport.counters().bytesIn.add(n);
            if (n == 0 || !handleBuffered()) {
                return true;
            }
        }
        return true; // more may wait: the selector reports the socket readable again
    }

    /** Handles the buffered bytes; false when reading must pause (what is left stays buffered). */
    private boolean handleBuffered() {
        if (readBuffer.position() == 0) {
            return !mustPause();
        }
        readBuffer.flip();
        frames.maxFrameBytes(transport.settings().maxFrameBytes());
        int used = frames.feed(readBuffer.array(), readBuffer.position(), readBuffer.remaining(), this);
        readBuffer.position(readBuffer.position() + used);
        readBuffer.compact();
        return !mustPause();
    }

    /**
     * True while this peer must not be read: it has max_inflight_requests requests waiting for
     * answers, or so much waits to be written to it that it evidently does not read (see
     * {@link Outbound#readingPaused}). What it sends meanwhile waits in the kernel's socket buffer,
     * so a peer that floods without reading is slowed down, not given unbounded memory.
     */
    private boolean mustPause() {
        if (inflight.get() >= transport.settings().maxInflightRequests()) {
            pausedForInflight = true;
            if (inflight.get() >= transport.settings().maxInflightRequests()) {
                return true;
            }
            pausedForInflight = false;
        }
        return outbound.readingPaused();
    }

    @Override
    public boolean frame(byte[] bytes, int offset, int length) {
        if (isBlank(bytes, offset, length)) {
            return true; // an empty line is no message: nothing to answer
        }
        framesIn.incrementAndGet();
        Message m;
        try {
            m = transport.codec().decode(bytes, offset, length);
        } catch (MessageFormatException e) {
            badFrames.incrementAndGet();
            replyError(e.id().orElse(""), e.correlationId().orElse(null), e.getMessage());
            if (!authenticated) {
                close("not authenticated", null);
            }
            return !mustPause();
        }
        dispatch(m);
        return !mustPause();
    }

    @Override
    public void oversize(int limit, byte[] bytes, int offset, int length) {
        badFrames.incrementAndGet();
        String id = "";
        String corr = null;
        try {
            // Only the line's start, read without the size limit: a cut line fails, but may name its request.
            Message whole = MessageCodec.DEFAULT.decode(bytes, offset, length);
            id = whole.id();
            corr = whole.correlationId();
        } catch (MessageFormatException e) {
            id = e.id().orElse("");
            corr = e.correlationId().orElse(null);
        }
        replyError(id, corr, "frame exceeds max_frame_bytes " + limit + "; the rest of the line is skipped");
    }

    private static boolean isBlank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private void dispatch(Message in) {
        if (!authenticated) {
            authenticate(in);
            return;
        }
        Message m = in;
        String self = identity();
        if (m.source() == null || m.source().isEmpty()) {
            m = m.withSource(self);
        } else if (!m.source().equals(self) && !namesItself(m)) {
            // Refused rather than rewritten: the sender learns at once that the line was not sent, and
            // nothing is ever routed or answered under a name this connection does not hold.
            spoofedSources.incrementAndGet();
            replyError(m.id(), m.correlationId(), "source '" + m.source() + "' refused: this connection is '" + self
                    + "' (the transport sets source from the connection's name; leave it out)");
            return;
        }
        switch (m.type()) {
            case REQUEST:
                if (Broker.BROKER_TARGET.equals(m.target()) && RPC_REGISTER.equals(m.id())) {
                    register(m);
                } else if (validRequestOrEvent(m) && allowedByPolicy(m)) {
                    forwardRequest(m);
                }
                break;
            case EVENT:
                if (SUBPROCESS_READY.equals(m.id())) {
                    String wanted = in.source();
                    Register asked = registerPayload(m.payload());
                    String error = transport.register(this, wanted, asked == null ? null : asked.token());
                    if (error != null) {
                        replyError(m.id(), m.correlationId(), error);
                        return;
                    }
                    if (m.target() == null || m.target().isEmpty() || Broker.BROKER_TARGET.equals(m.target())) {
                        return; // addressed to the broker: naming was all it asked
                    }
                    m = new Message(m.type(), m.id(), withoutToken(m.payload(), asked), m.error(), wanted, m.target(),
                            m.correlationId());
                }
                if (validRequestOrEvent(m) && allowedByPolicy(m)) {
                    SendResult r = transport.broker().send(m);
                    if (r != SendResult.ACCEPTED && name == null) {
                        // A named peer receives the broker's error through its endpoint; an unnamed one cannot.
                        replyError(m.id(), m.correlationId(), "event not delivered: " + describe(r, m.target()));
                    }
                }
                break;
            default: // RESPONSE, ERROR: answers to requests this peer was given
                SendResult r = transport.broker().send(m);
                if (r == SendResult.REFUSED) {
                    replyError(m.id(), m.correlationId(), m.type().wireName() + " refused: no request with correlation_id '"
                            + m.correlationId() + "' was given to '" + m.source() + "'");
                } else if (r == SendResult.UNROUTABLE && m.type() == MessageType.RESPONSE) {
                    replyError(m.id(), m.correlationId(), "response not delivered: no request waits for correlation_id '"
                            + m.correlationId() + "' and no endpoint is named '" + m.target() + "'");
                }
                break;
        }
    }

    /**
     * The first line on TCP: RPCAuthenticate with the shared token, else an error and the connection
     * closes. The token is never echoed or logged.
     */
    private void authenticate(Message m) {
        SecretToken token = transport.tcpToken();
        if (m.type() != MessageType.REQUEST || !BrokerMethods.AUTHENTICATE.equals(m.id())
                || !Broker.BROKER_TARGET.equals(m.target())) {
            replyError(m.id(), m.correlationId(), "authentication required: the first line on TCP must be an "
                    + BrokerMethods.AUTHENTICATE + " request to 'broker' with payload {\"token\": \"...\"}");
            close("not authenticated", null);
            return;
        }
        String offered = null;
        try {
            offered = m.payload() == null ? null : RpcJson.read(m.payload(), Authenticate.class).token();
        } catch (RuntimeException e) {
            // a payload without a readable token fails like a wrong one
        }
        if (token == null || !token.matches(offered)) {
            LOG.log(Level.WARNING, "connection #{0} ({1}): TCP authentication failed", id, peer);
            replyError(m.id(), m.correlationId(), "authentication failed");
            close("authentication failed", null);
            return;
        }
        authenticated = true;
        send(new Message(MessageType.RESPONSE, m.id(), "{\"authenticated\":true}", null, Broker.BROKER_TARGET,
                anonymousIdentity, m.correlationId()));
    }

    /** A line that asks for a name: its source may be the name wanted. */
    private static boolean namesItself(Message m) {
        return m.type() == MessageType.EVENT && SUBPROCESS_READY.equals(m.id())
                || m.type() == MessageType.REQUEST && RPC_REGISTER.equals(m.id()) && Broker.BROKER_TARGET.equals(m.target());
    }

    /** The source this connection's messages carry: its name, else {@code conn-ID}. */
    String identity() {
        String n = name;
        return n != null ? n : anonymousIdentity;
    }

    private boolean validRequestOrEvent(Message m) {
        if (m.target() == null || m.target().isEmpty()) {
            replyError(m.id(), m.correlationId(), "missing field 'target' (a " + m.type().wireName() + " needs one)");
            return false;
        }
        if (m.id().isEmpty()) {
            replyError(m.id(), m.correlationId(), "missing field 'id' (the " + (m.type() == MessageType.REQUEST
                    ? "method" : "event") + " name)");
            return false;
        }
        return true;
    }

    private static String describe(SendResult r, String target) {
        switch (r) {
            case UNKNOWN_TARGET: return "unknown target '" + target + "'";
            case DROPPED: return "dropped: queue of '" + target + "' is full";
            case TOO_LARGE: return "payload exceeds the broker's max_message_bytes";
            case STOPPED: return "the broker is stopping";
            default: return r.name().toLowerCase();
        }
    }

    private void forwardRequest(Message m) {
        String peerCorrelation = m.correlationId();
        String internal = tag + (peerCorrelation == null || peerCorrelation.isEmpty()
                ? "#" + correlationIds.incrementAndGet() : peerCorrelation);
        long timeout = transport.settings().requestTimeoutMs();
        Message routed = m.withCorrelationId(internal);
        inflight.incrementAndGet();
        CompletableFuture<Message> answer = timeout > 0 ? transport.broker().request(routed, timeout)
                : transport.broker().request(routed);
        answer.thenAccept(a -> {
            try {
                send(a.withCorrelationId(peerCorrelation));
            } finally {
                inflight.decrementAndGet();
                if (pausedForInflight) {
                    wake(); // reading may resume
                }
            }
        });
    }

    /**
     * True when the policy lets this connection send {@code m} (a request or an event); else the
     * sender gets an error line with the message's id and correlation id, nothing is delivered, and
     * the refusal is counted.
     */
    private boolean allowedByPolicy(Message m) {
        String refusal = transport.policy().refusal(identity(), credentials, m.target(), m.id());
        if (refusal == null) {
            return true;
        }
        transport.counters().policyRefusals.increment();
        replyError(m.id(), m.correlationId(), m.type() == MessageType.EVENT ? "event " + refusal : refusal);
        return false;
    }

    /** An RPCRegister or subprocess_ready payload as {@link Register} (name, token), or null when it is none. */
    private static Register registerPayload(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return RpcJson.read(payload, Register.class);
        } catch (MessageFormatException e) {
            return null;
        }
    }

    /** A subprocess_ready payload without its token member, so the token never travels on to the event's target. */
    private static String withoutToken(String payload, Register asked) {
        if (asked == null || asked.token() == null) {
            return payload;
        }
        java.util.Map<?, ?> members = RpcJson.read(payload, java.util.LinkedHashMap.class);
        members.remove("token");
        return RpcJson.write(members);
    }

    private void register(Message m) {
        Register asked = registerPayload(m.payload());
        String wanted = asked == null ? null : asked.name();
        if (wanted == null && !anonymousIdentity.equals(m.source())) {
            wanted = m.source();
        }
        String error = transport.register(this, wanted, asked == null ? null : asked.token());
        if (error != null) {
            send(new Message(MessageType.ERROR, m.id(), null, error, Broker.BROKER_TARGET, m.source(), m.correlationId()));
        } else {
            send(new Message(MessageType.RESPONSE, m.id(), transport.registeredPayload(wanted), null,
                    Broker.BROKER_TARGET, wanted, m.correlationId()));
        }
    }

    private void replyError(String id, String correlationId, String error) {
        send(new Message(MessageType.ERROR, id == null ? "" : id, null, error, Broker.BROKER_TARGET, name, correlationId));
    }

    // ---------------------------------------------------------------- writing, from any thread

    /**
     * Queues a message for the peer (written at once when the socket has room).
     *
     * @return false when it was dropped (queue full) or the connection is closed
     */
    boolean send(Message m) {
        List<Message> evicted = transport.settings().outboundPolicy() == OutboundPolicy.drop_oldest
                ? new ArrayList<>(0) : null;
        Outbound.Offer result = outbound.offer(m, transport.codec().encodeLine(m), evicted);
        if (evicted != null) {
            for (Message gone : evicted) {
                answerUndelivered(gone, "dropped: outbound queue of connection '" + displayName()
                        + "' is full (outbound_policy drop_oldest)");
            }
        }
        if (result == Outbound.Offer.WRITTEN_OR_QUEUED) {
            framesOut.incrementAndGet();
            return true;
        }
        return false;
    }

    /** A request this peer will never see: its sender gets an error (through the broker's usual path). */
    private void answerUndelivered(Message m, String error) {
        if (m.type() == MessageType.REQUEST) {
            transport.broker().send(m.errorReply(name != null ? name : m.target(), error));
        }
    }

    String outboundFullError() {
        return "connection '" + displayName() + "' is not reading: its outbound queue is full ("
                + outbound.queuedMessages() + " messages, " + outbound.queuedBytes() + " bytes; outbound_policy "
                + transport.settings().outboundPolicy() + ")";
    }

    // ---------------------------------------------------------------- naming and closing

    String name() {
        return name;
    }

    /** Transport only, under its naming lock. */
    void named(String newName, Runnable unregisterAction) {
        this.name = newName;
        this.unregister.set(unregisterAction);
    }

    /** Takes the action that unregisters this connection's name (null when it holds none, or it was taken). */
    Runnable takeUnregister() {
        return unregister.getAndSet(null);
    }

    String displayName() {
        String n = name;
        return n != null ? n : "#" + id + " (" + peer + ")";
    }

    /** Asks the connection to close, with a last error line to the peer when {@code notice} is not null. */
    void close(String reason, String notice) {
        if (notice != null) {
            send(new Message(MessageType.ERROR, "", null, notice, Broker.BROKER_TARGET, name, null));
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        closing.set(true);
        wake();
    }

    /** Loop thread: cleans up once. */
    void cleanUpOnLoop() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        try {
            cleanUp();
        } finally {
            closed.countDown();
        }
    }

    /** The loop thread: unregisters the name (waiting requests get errors), closes the socket. */
    private void cleanUp() {
        closing.set(true);
        if (frames.midFrame()) {
            discardedPartial = true;
            LOG.log(Level.DEBUG, "connection {0}: discarded an unfinished line of {1} bytes at disconnect",
                    displayName(), frames.bufferedBytes());
        }
        Runnable u = takeUnregister();
        if (u != null) {
            u.run(); // the broker answers the requests this peer was given and did not answer
        }
        List<Message> unsent = outbound.close();
        if (name == null) {
            for (Message m : unsent) {
                answerUndelivered(m, "connection '" + displayName() + "' closed before the request was written");
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (key != null) {
            key.cancel();
        }
        loop.released();
        IOException failure = outbound.failure();
        String why = closeReason != null ? closeReason : failure != null ? "write failed: " + failure : "closed";
        LOG.log(Level.DEBUG, "connection {0} closed: {1}", displayName(), why);
        transport.removed(this);
    }

    // ---------------------------------------------------------------- introspection

    Outbound outbound() {
        return outbound;
    }

    int inflightRequests() {
        return inflight.get();
    }

    long framesIn() {
        return framesIn.get();
    }

    long framesOut() {
        return framesOut.get();
    }

    long badFrames() {
        return badFrames.get();
    }

    /** Lines refused because their source was not this connection's identity. */
    long spoofedSources() {
        return spoofedSources.get();
    }

    /** The most bytes the line buffer held at once. */
    int peakFrameBuffer() {
        return frames.peakCapacity();
    }

    boolean discardedPartial() {
        return discardedPartial;
    }

    void applyLimits(TransportSettings s) {
        outbound.limits(Outbound.Limits.of(s));
    }

    /** Codec for tests that need the same limit. */
    MessageCodec codec() {
        return transport.codec();
    }
}
