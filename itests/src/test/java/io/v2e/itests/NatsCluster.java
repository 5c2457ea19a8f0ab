package io.v2e.itests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A 3-node nats-server cluster on 127.0.0.1 (client, route and monitoring ports free at start), owned by one test. */
final class NatsCluster implements AutoCloseable {

    record Node(int port, int clusterPort, int monitorPort, Process process) {
        String url() {
            return "nats://127.0.0.1:" + port;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    static NatsCluster start(int size, Path logDir) throws Exception {
        NatsCluster c = new NatsCluster();
        int[][] ports = new int[size][3];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < 3; k++) {
                ports[i][k] = freePort();
            }
        }
        for (int i = 0; i < size; i++) {
            List<String> routes = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                if (j != i) {
                    routes.add("nats://127.0.0.1:" + ports[j][1]);
                }
            }
            Process p = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(ports[i][0]),
                    "-m", String.valueOf(ports[i][2]), "-cluster", "nats://127.0.0.1:" + ports[i][1],
                    "-routes", String.join(",", routes), "-n", "node" + i)
                    .redirectErrorStream(true).redirectOutput(logDir.resolve("nats-node" + i + ".log").toFile()).start();
            c.nodes.add(new Node(ports[i][0], ports[i][1], ports[i][2], p));
        }
        for (Node n : c.nodes) {
            awaitListening(n.port());
        }
        V2e.timed("every node routed to the others", V2e.PATIENCE, () -> {
            for (Node n : c.alive()) {
                if (!c.monitor(n, "/routez").contains("\"num_routes\": " + (size - 1))) {
                    return false;
                }
            }
            return true;
        });
        return c;
    }

    List<Node> nodes() {
        return nodes;
    }

    List<Node> alive() {
        return nodes.stream().filter(n -> n.process().isAlive()).collect(Collectors.toList());
    }

    String urls() {
        return nodes.stream().map(Node::url).collect(Collectors.joining(","));
    }

    /** The node a client connection named {@code connectionName} is on, or null. */
    Node nodeOf(String connectionName) {
        for (Node n : alive()) {
            try {
                if (monitor(n, "/connz").contains("\"name\": \"" + connectionName + "\"")) {
                    return n;
                }
            } catch (Exception e) {
                // a node going down
            }
        }
        return null;
    }

    String monitor(Node n, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.monitorPort() + path))
                .timeout(Duration.ofSeconds(2)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** SIGKILL: the node is gone without a word to its clients or routes. */
    void kill(Node n) throws InterruptedException {
        n.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        V2e.timed("nats-server listening on " + port, Duration.ofSeconds(20), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            if (!n.process().waitFor(10, TimeUnit.SECONDS)) {
                n.process().destroyForcibly().waitFor();
            }
        }
    }
}
