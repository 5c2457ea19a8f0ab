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

    /**
     * Sends {@code line} from a process running as user nobody (setpriv; the test must run as root)
     * and returns the first line it read back. Makes the socket reachable for nobody first (it is
     * 0600 in a private folder otherwise).
     */
    String sendAsNobody(Path tempDir, String line) throws Exception {
        for (Path p = socket.getParent(); p != null && p.startsWith(tempDir); p = p.getParent()) {
            java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        java.nio.file.Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        String script = "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\n"
                + "s.sendall(sys.argv[2].encode()+b'\\n')\nprint(s.makefile().readline().strip())\n";
        Process p = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "/usr/bin/python3", "-c", script, socket.toString(), line).redirectErrorStream(true).start();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the client run as nobody did not finish");
        }
        return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    /** True when this test runs as root (needed to run a peer as nobody). */
    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** An RPCRegister request line for {@code name}, with {@code token} when not null. */
    static String registerLine(String name, String token, String corr) {
        return "{\"type\":\"request\",\"id\":\"RPCRegister\",\"target\":\"broker\",\"payload\":{\"name\":\"" + name
                + "\"" + (token == null ? "" : ",\"token\":\"" + token + "\"") + "},\"correlation_id\":\"" + corr + "\"}";
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
