package io.v2e.transport.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.client.V2eClient;

/** A running broker with a transport on a socket in a temporary folder, and helpers for the tests. */
final class TransportFixture implements AutoCloseable {

    /** How long a test waits for something asynchronous to happen (Awaitility's atMost). */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    final EmbeddedBroker brokerHarness;
    final Transport transport;
    final Path socket;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    TransportFixture(Path dir) {
        this(dir, s -> s);
    }

    TransportFixture(Path dir, java.util.function.UnaryOperator<TransportSettings> adjust) {
        this(dir, adjust, null);
    }

    /** With {@code tcpToken} as the TCP listener's shared secret (null: none, TCP does not start). */
    TransportFixture(Path dir, java.util.function.UnaryOperator<TransportSettings> adjust, SecretToken tcpToken) {
        this.socket = dir.resolve("run").resolve("v2e.sock");
        this.brokerHarness = startBroker();
        this.transport = new Transport(brokerHarness, registrar(brokerHarness),
                adjust.apply(TransportSettings.defaults(socket)));
        transport.tcpToken(tcpToken);
        transport.start();
    }

    /** The token of {@link #tokenIn}. */
    static final String TOKEN = "s3cret-token-0123456789";

    /** A tcp_token_file holding {@link #TOKEN}, in {@code dir}. */
    static SecretToken tokenIn(Path dir) throws java.io.IOException {
        Path file = dir.resolve("tcp.token");
        java.nio.file.Files.writeString(file, TOKEN + "\n");
        return SecretToken.read(file, "tcp_token_file");
    }

    /** The real broker without OSGi: two workers, no tuning provider, default queues (65536, block) and timeouts. */
    static EmbeddedBroker startBroker() {
        return EmbeddedBroker.start(Map.of("workers", 2), null, "tb-");
    }

    /** Registers endpoints straight into the broker, as its component does for services. */
    static EndpointRegistrar registrar(EmbeddedBroker b) {
        return (String name, Endpoint endpoint, Map<String, Object> properties) -> b.register(name, endpoint)::close;
    }

    Broker broker() {
        return brokerHarness;
    }

    V2eClient client() throws IOException {
        V2eClient c = V2eClient.connect(socket);
        toClose.add(c);
        return c;
    }

    RawPeer raw() throws IOException {
        RawPeer p = RawPeer.unix(socket);
        toClose.add(p);
        return p;
    }

    /** An internal endpoint answering every request with its payload. */
    static Endpoint echo() {
        return Message::payload;
    }

    @Override
    public void close() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        transport.stop();
        brokerHarness.close();
    }
}
