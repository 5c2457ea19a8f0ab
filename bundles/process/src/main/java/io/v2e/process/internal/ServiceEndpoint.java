package io.v2e.process.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * The broker endpoint of one running child and what the child sends back. Whatever the broker
 * routes to the service's name is queued for the child, which answers later with RESPONSE or
 * ERROR lines; the child's own requests go through the broker and their answers come back to it.
 * Identity comes from the link: every message the child sends carries the service's name as
 * {@code source}, whatever the line said. Threading: {@link #handle} on broker workers (never
 * blocks); the Peer methods on the link's reader thread.
 */
final class ServiceEndpoint implements Endpoint, Link.Peer {

    /** v2e's subprocess announces itself with this event; we note it and route nothing. */
    static final String SUBPROCESS_READY = "subprocess_ready";

    private final String name;
    private final Broker broker;
    private final long requestTimeoutMs;
    private final Runnable onClosed;
    private final String tag;
    private final AtomicLong correlationIds = new AtomicLong();
    private volatile Link link;
    private volatile boolean ready;

    ServiceEndpoint(String name, int pid, Broker broker, long requestTimeoutMs, Runnable onClosed) {
        this.name = name;
        this.broker = broker;
        this.requestTimeoutMs = requestTimeoutMs;
        this.onClosed = onClosed;
        this.tag = "process:" + name + ":" + pid;
    }

    void attach(Link l) {
        this.link = l;
    }

    boolean ready() {
        return ready;
    }

    // ---------------------------------------------------------------- broker -> child

    @Override
    public String handle(Message message) {
        Link l = link;
        if (l == null || !l.offer(message)) {
            // The broker answers a request with this text as an error.
            throw new IllegalStateException(l == null ? "endpoint '" + name + "' is not connected yet" : l.fullError());
        }
        return null;
    }

    @Override
    public boolean answersLater() {
        return true;
    }

    // ---------------------------------------------------------------- child -> broker

    @Override
    public void received(Message in) {
        Message m = in.withSource(name);
        switch (m.type()) {
            case REQUEST:
                if (missingTarget(m)) {
                    return;
                }
                forwardRequest(m);
                break;
            case EVENT:
                if (SUBPROCESS_READY.equals(m.id())
                        && (m.target() == null || m.target().isEmpty() || Broker.BROKER_TARGET.equals(m.target()))) {
                    ready = true;
                    return;
                }
                if (!missingTarget(m)) {
                    broker.send(m); // an undeliverable event is answered to us (source) by the broker
                }
                break;
            default: // RESPONSE, ERROR: answers to requests the child was given
                broker.send(m);
                break;
        }
    }

    @Override
    public void badFrame(String id, String correlationId, String error) {
        reply(new Message(MessageType.ERROR, id, null, error, Broker.BROKER_TARGET, name, correlationId));
    }

    @Override
    public void closed(String why) {
        onClosed.run();
    }

    private boolean missingTarget(Message m) {
        if (m.target() == null || m.target().isEmpty()) {
            badFrame(m.id(), m.correlationId(), "missing field 'target' (a " + m.type().wireName() + " needs one)");
            return true;
        }
        return false;
    }

    private void forwardRequest(Message m) {
        String childCorrelation = m.correlationId();
        Message routed = m.withCorrelationId(tag + "#" + correlationIds.incrementAndGet());
        CompletableFuture<Message> answer = requestTimeoutMs > 0 ? broker.request(routed, requestTimeoutMs)
                : broker.request(routed);
        answer.thenAccept(a -> reply(a.withCorrelationId(childCorrelation)));
    }

    private void reply(Message m) {
        Link l = link;
        if (l != null) {
            l.offer(m); // a full queue or a dead child: the child cannot be told anyway
        }
    }

    @Override
    public String toString() {
        return "process " + name;
    }
}
