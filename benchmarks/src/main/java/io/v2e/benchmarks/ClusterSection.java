package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.v2e.bench.core.RunResult;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.client.V2eClient;

/**
 * Section cluster: request/response across two containers through the NATS bridge, closed loop with
 * 1, 8 and 64 clients.
 * <ul>
 * <li>{@value #BRIDGE}: V2eClient on container a's UNIX socket -> a's broker -> a's bridge (remote
 * endpoint) -> nats-server -> b's bridge -> b's broker -> an external echo endpoint JVM on b's socket
 * -> back the same way. Both containers are copies of distribution/target/v2e started with bin/v2e;
 * the bridge is switched on live through each copy's etc/io.v2e.nats.cfg.</li>
 * <li>{@value #JNATS}: the floor of that path, plain jnats Connection.request from the same client
 * JVM to a jnats responder JVM through the same nats-server.</li>
 * </ul>
 * The floor's two JVMs are the harness and a responder JVM, not the two container JVMs (measuring
 * jnats from inside the containers would need a bench command in the container): the ends of both
 * rows are the same processes-per-hop minus the two containers, which is what the bridge adds.
 */
final class ClusterSection {

    static final String BRIDGE = "v2e-nats-bridge";
    static final String JNATS = "jnats-floor";
    static final int[] CLIENTS = {1, 8, 64};

    private ClusterSection() {
    }

    private record Timing(int repeats, double warmup, double seconds, double firstWarmup) {
        static Timing of(Options o) {
            return o.smoke() ? new Timing(1, 0.05, 0.2, 0.2) : new Timing(3, 0.2, 1.0, 0.6);
        }
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("cluster");
        Timing t = Timing.of(o);
        Path server = SocketSection.executable("nats-server");
        if (server == null) {
            r.note("nats-server is not installed (apt-get install nats-server): the cluster section is NOT measured");
            return r;
        }
        Path work = o.work().resolve("cluster");
        Files.createDirectories(work);
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            String url = SocketSection.startNatsServer(server, o.out().resolve("cluster-nats-server.log"), open);
            V2eContainer a = V2eContainer.start(V2eContainer.distribution(), work.resolve("a"), o.out().resolve("cluster-a.log"));
            open.push(a);
            V2eContainer b = V2eContainer.start(V2eContainer.distribution(), work.resolve("b"), o.out().resolve("cluster-b.log"));
            open.push(b);
            open.push(ChildProcess.peerJvm("v2e echo endpoint on b", o.out().resolve("cluster-peer-v2e.log"), 30, "v2e-echo",
                    b.socket().toString(), RoundTrip.ENDPOINT));
            enableBridge(work.resolve("a"), "a", url);
            enableBridge(work.resolve("b"), "b", url);
            awaitRemote(a.socket());
            open.push(ChildProcess.peerJvm("jnats responder", o.out().resolve("cluster-peer-nats.log"), 30, "nats-echo", url,
                    RoundTrip.SUBJECT));

            Map<String, SocketSection.ClientFactory> systems = new LinkedHashMap<>();
            Path socketA = a.socket();
            systems.put(BRIDGE, i -> new RoundTrip.V2e(i, socketA));
            systems.put(JNATS, i -> new RoundTrip.NatsRequest(i, url));
            Map<String, List<RoundTrip>> pools = new LinkedHashMap<>();
            for (String s : systems.keySet()) {
                pools.put(s, new ArrayList<>());
                ClosedLoop.run(s, "closed", SocketSection.clients(pools.get(s), systems.get(s), 8, open), 0, t.firstWarmup());
            }
            List<String> failed = new ArrayList<>();
            for (int rep = 0; rep < t.repeats(); rep++) {
                for (int n : CLIENTS) {
                    for (String s : systems.keySet()) {
                        if (failed.contains(s)) {
                            continue;
                        }
                        ClosedLoop.Outcome out;
                        try {
                            out = ClosedLoop.run(s, "closed", SocketSection.clients(pools.get(s), systems.get(s), n, open), t.warmup(), t.seconds());
                        } catch (IllegalStateException e) {
                            failed.add(s);
                            r.note("FAILED: " + s + " with " + n + " clients: " + e.getMessage() + " (no further runs of " + s + ")");
                            continue;
                        }
                        RunResult m = out.measured();
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("clients", n);
                        r.add(Row.of(r.section, Integer.toString(n), rep, m, extra), m.histogram());
                    }
                }
            }
            String version = new String(new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start()
                    .getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            r.note("One " + version + " on " + url + " (default settings); the bridges run the shipped etc/io.v2e.nats.cfg"
                    + " defaults except enabled, servers and host_name; jnats " + io.nats.client.Nats.CLIENT_VERSION + ".");
            r.note(BRIDGE + ": V2eClient -> container a (UNIX socket, broker, NATS bridge) -> nats-server -> container b"
                    + " (bridge, broker) -> echo endpoint JVM on b's socket -> back. " + JNATS + ": jnats request from the"
                    + " same client JVM -> the same nats-server -> a jnats responder JVM. The floor is NOT measured from"
                    + " inside the two container JVMs (that needs a bench command in the container).");
            r.note(t.repeats() + " interleaved repeats of " + t.seconds() + " s after " + t.warmup() + " s warm-up per run;"
                    + " connections stay open for the whole section.");
        } finally {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    System.err.println("cluster section: closing failed: " + e);
                }
            }
        }
        return r;
    }


    /** Switches the copy's bridge on live (FileInstall hands etc/ to ConfigAdmin). */
    private static void enableBridge(Path home, String host, String url) throws IOException {
        Path cfg = home.resolve("etc/io.v2e.nats.cfg");
        Path tmp = home.resolve("io.v2e.nats.cfg.tmp");
        Files.writeString(tmp, "enabled = true\nservers = " + url + "\nhost_name = " + host + "\n");
        Files.move(tmp, cfg, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until container a lists b's echo endpoint as remote. */
    private static void awaitRemote(Path socketA) throws Exception {
        try (V2eClient c = V2eClient.connect(socketA)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                Message m = c.request(V2eClient.BROKER, BrokerMethods.LIST_ENDPOINTS, "{}", Duration.ofSeconds(10));
                for (EndpointList.Entry e : RpcJson.read(m.payload(), EndpointList.class).endpoints()) {
                    if (e.name().equals(RoundTrip.ENDPOINT) && "b".equals(e.host())) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("container a never listed " + RoundTrip.ENDPOINT + " of host b (see cluster-a.log)");
    }
}
