package io.v2e.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageFormatException;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.Authenticate;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.Register;
import io.v2e.broker.api.rpc.RpcJson;

/**
 * A connection to a v2e container's transport (UNIX domain socket or TCP), speaking its wire
 * format: one JSON message per line. Plain Java: needs only this jar, the broker API classes
 * ({@link Message}, {@link MessageCodec}), the RPC payload records and Jackson.
 * <p>
 * Threading: every method may be called from any thread. One reader thread per client receives
 * answers (completing the futures of {@link #request(Message)}), and runs the {@link Handler} of
 * {@link #serve} and the listener of {@link #onUnmatched}; code that runs there must not wait for
 * another answer on this client.
 */
public final class V2eClient implements AutoCloseable {

    /** Answers requests sent to the name this client {@link #serve serves}. */
    @FunctionalInterface
    public interface Handler {
        /** @return the response payload as JSON text (null: none); an exception is answered as an error */
        String handle(Message request) throws Exception;
    }

    /** The target of the broker's own RPCs. */
    public static final String BROKER = "broker";
    public static final String RPC_REGISTER = BrokerMethods.REGISTER;

    private final SocketChannel channel;
    /** Guards writes, so lines of concurrent callers never interleave. */
    private final Object writeLock = new Object();
    private final String description;
    private final MessageCodec codec = MessageCodec.DEFAULT;
    private final Map<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong correlationIds = new AtomicLong();
    private final Thread reader;
    private volatile Handler handler;
    private volatile String name;
    private volatile Consumer<Message> unmatched = m -> { };
    private volatile String lastError;
    private volatile boolean closed;

    private V2eClient(SocketChannel channel, String description) {
        this.channel = channel;
        this.description = description;
        this.reader = new Thread(this::readLoop, "v2e-client-reader " + description);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to the UNIX domain socket at {@code socket}. */
    public static V2eClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to " + socket + ": " + e.getMessage(), e);
        }
        return new V2eClient(ch, socket.toString());
    }

    /** Connects over TCP. */
    public static V2eClient connect(String host, int port) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.connect(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new V2eClient(ch, host + ":" + port);
    }

    /**
     * Connects over TCP and authenticates with the transport's shared token (its tcp_token_file):
     * the first line is RPCAuthenticate.
     *
     * @throws IOException when the connection fails or the broker refuses the token (the connection is closed)
     */
    public static V2eClient connect(String host, int port, String token) throws IOException {
        V2eClient c = connect(host, port);
        try {
            Message answer = c.request(BROKER, BrokerMethods.AUTHENTICATE, RpcJson.write(new Authenticate(token)),
                    Duration.ofSeconds(10));
            if (answer.type() == MessageType.ERROR) {
                throw new IOException("TCP authentication to " + host + ":" + port + " refused: " + answer.error());
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        } catch (TimeoutException | InterruptedException e) {
            c.close();
            throw new IOException("TCP authentication to " + host + ":" + port + " got no answer: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- requests and events

    /**
     * Sends a request and completes with its answer: a RESPONSE, or an ERROR message (unknown
     * target, timeout, ...). Completes exceptionally only when the connection is lost. A request
     * without correlation id gets a fresh one; one that has an id must not reuse one still waiting.
     */
    public CompletableFuture<Message> request(Message request) {
        if (request.type() != MessageType.REQUEST) {
            throw new IllegalArgumentException("request() takes a REQUEST, not " + request.type().wireName());
        }
        Message m = request;
        if (m.correlationId() == null || m.correlationId().isEmpty()) {
            m = m.withCorrelationId("c" + correlationIds.incrementAndGet());
        }
        if ((m.source() == null || m.source().isEmpty()) && name != null) {
            m = m.withSource(name);
        }
        CompletableFuture<Message> answer = new CompletableFuture<>();
        String corr = m.correlationId();
        if (waiting.putIfAbsent(corr, answer) != null) {
            throw new IllegalArgumentException("correlation id '" + corr + "' is already waiting for an answer");
        }
        try {
            write(m);
        } catch (IOException e) {
            waiting.remove(corr);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Sends a request and completes with its answer (see {@link #request(Message)}). */
    public CompletableFuture<Message> request(String target, String method, String payloadJson) {
        return request(Message.request(name, target, method, payloadJson, null));
    }

    /**
     * Sends a request and waits for its answer, a RESPONSE or an ERROR message.
     *
     * @throws TimeoutException when no answer came in time (the broker's own timeout answers with an ERROR)
     * @throws IOException      when the connection was lost
     */
    public Message request(String target, String method, String payloadJson, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        Message m = Message.request(name, target, method, payloadJson, "c" + correlationIds.incrementAndGet());
        CompletableFuture<Message> f = request(m);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            waiting.remove(m.correlationId(), f);
            throw new TimeoutException("no answer from '" + target + "' to " + method + " within " + timeout.toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        }
    }

    /** Sends an event (fire and forget). */
    public void event(String target, String id, String payloadJson) throws IOException {
        write(Message.event(name, target, id, payloadJson));
    }

    /**
     * Registers this connection as endpoint {@code endpointName} (an RPCRegister request to the
     * broker) and answers every request sent to it with {@code h}.
     *
     * @throws IOException when the broker refused the name (its error text) or the connection was lost
     */
    public void serve(String endpointName, Handler h, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        serve(endpointName, null, h, timeout);
    }

    /**
     * As {@link #serve(String, Handler, Duration)}, presenting {@code token} for a name the container
     * reserves with one (the transport's {@code name_tokens}); null for an unreserved name.
     *
     * @throws IOException when the broker refused the name (its error text, never the token) or the connection was lost
     */
    public void serve(String endpointName, String token, Handler h, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        this.handler = h;
        Message answer = request(BROKER, RPC_REGISTER, RpcJson.write(new Register(endpointName, token)), timeout);
        if (answer.type() == MessageType.ERROR) {
            this.handler = null;
            throw new IOException("cannot serve '" + endpointName + "': " + answer.error());
        }
        this.name = endpointName;
    }

    /** Receives events and answers that no request of this client waits for (e.g. error notices). */
    public void onUnmatched(Consumer<Message> listener) {
        this.unmatched = listener;
    }

    /** Writes one message as a line; lines of concurrent callers never interleave. */
    public void send(Message m) throws IOException {
        write(m);
    }

    private void write(Message m) throws IOException {
        ByteBuffer b = codec.encodeLine(m);
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    // ---------------------------------------------------------------- the reader thread

    private void readLoop() {
        LineReader lines = new LineReader(channel, codec.maxBytes() + 2);
        IOException failure = null;
        try {
            LineReader.Line line;
            while ((line = lines.next()) != null) {
                Message m;
                try {
                    m = codec.decode(line.bytes(), 0, line.length());
                } catch (MessageFormatException e) {
                    lastError = "unreadable line from the broker: " + e.getMessage();
                    continue;
                }
                receive(m);
            }
        } catch (IOException e) {
            failure = e;
        }
        String why = lastError != null ? " (last error: " + lastError + ")" : "";
        IOException lost = new IOException("connection to " + description + " closed" + why, failure);
        closed = true;
        for (Map.Entry<String, CompletableFuture<Message>> e : waiting.entrySet()) {
            if (waiting.remove(e.getKey(), e.getValue())) {
                e.getValue().completeExceptionally(lost);
            }
        }
    }

    private void receive(Message m) {
        if (m.type().isAnswer() && m.correlationId() != null) {
            CompletableFuture<Message> f = waiting.remove(m.correlationId());
            if (f != null) {
                f.complete(m);
                return;
            }
        }
        if (m.type() == MessageType.REQUEST && handler != null) {
            answer(m, handler);
            return;
        }
        if (m.type() == MessageType.ERROR) {
            lastError = m.error();
        }
        unmatched.accept(m);
    }

    private void answer(Message request, Handler h) {
        Message reply;
        try {
            reply = request.response(h.handle(request));
        } catch (Exception e) {
            reply = request.errorReply(request.target(), e.getMessage() != null ? e.getMessage() : e.toString());
        }
        try {
            write(reply);
        } catch (IOException e) {
            lastError = "could not answer: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- closing

    /** Waits until the connection is lost or closed. */
    public void awaitClosed() throws InterruptedException {
        reader.join();
    }

    /** True once the connection is lost or closed. */
    public boolean isClosed() {
        return closed || !channel.isOpen();
    }

    /** The text of the last ERROR message that no request was waiting for, or null. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
