package io.v2e.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

import io.v2e.bench.core.RunResult;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/**
 * Section socket: request/response between processes, closed loop, with 1, 8 and 64 clients.
 * <ul>
 * <li>{@value #V2E}: clients (the project's V2eClient) on the real container's UNIX socket
 * (a copy of distribution/target/v2e started with bin/v2e) -> broker -> an external endpoint
 * (a separate JVM connected over the same socket, registered by name, answering with the request's
 * payload) -> back;</li>
 * <li>{@value #V2E_RAW}: the same path with a raw NDJSON client (write a line, read a line on the
 * caller's thread), which separates the client's cost from the container's;</li>
 * <li>{@value #NATS}: nats-server on a free loopback port, a jnats responder in a separate JVM,
 * jnats clients using Connection.request;</li>
 * <li>{@value #ECHO}: the floor, a bare NDJSON echo server over a UNIX socket in a separate JVM,
 * clients writing the same request line and reading it back.</li>
 * </ul>
 * Same ~100-byte JSON payload for all; every answer is checked to be its request's own. Repeats
 * are interleaved (for each repeat, for each client count: every system in turn) so drift hits all
 * equally. Then distinct 1 MiB payloads, one client, as requests to the external echo endpoint:
 * msg/s, container heap allocation per message, page faults and peak RSS of the container.
 * A JFR recording of the container covers one extra (unreported) v2e run with 64 clients.
 */
final class SocketSection {

    static final String V2E = "v2e-client";
    static final String V2E_RAW = "v2e-raw-ndjson";
    static final String NATS = "nats";
    static final String ECHO = "bare-echo-floor";
    static final int[] CLIENTS = {1, 8, 64};
    static final String LARGE = "1MiB";
    static final int PAYLOAD_BYTES = 1 << 20;
    static final String CONTAINER_JFR = "socket-container.jfr";
    /**
     * Kernel thread names (15 characters) of the transport's threads (I/O loops, accept threads; in
     * older builds one thread per connection, v2e-transport-conn-N) and of the broker's workers.
     */
    static final String CONN_THREADS = "v2e-transport";
    static final String WORKER_THREADS = "v2e-broker-work";
    /** Row variants of the contention block ("contended-8") and the scale block ("scale-1024"). */
    static final String CONTENDED = "contended-";
    static final String SCALE = "scale-";
    static final int[] SCALE_CONNECTED = {256, 1024};
    static final int SCALE_ACTIVE = 64;
    /** The copy's max_connections: the scale rows connect 1,024 clients besides the other systems' pools. */
    static final int MAX_CONNECTIONS = 2048;

    private SocketSection() {
    }

    /** How long this section measures: full mode stays within ~100 s on 2 cores. */
    private record Timing(int repeats, double warmup, double seconds, double firstWarmup, int largeWarmup, int largeCount) {
        static Timing of(Options o) {
            return o.smoke() ? new Timing(1, 0.05, 0.2, 0.2, 2, 4) : new Timing(3, 0.2, 1.0, 0.6, 8, 30);
        }
    }

    /** Makes client number i of a system. */
    @FunctionalInterface
    interface ClientFactory {
        RoundTrip open(int i) throws Exception;
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("socket");
        Timing t = Timing.of(o);
        Path work = o.work().resolve("socket");
        Files.createDirectories(work);
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            Path dist = V2eContainer.distribution();
            V2eContainer c = V2eContainer.start(dist, work.resolve("v2e"), o.out().resolve("socket-container.log"),
                    MAX_CONNECTIONS);
            open.push(c);
            describeContainer(r, c, dist);
            Path socket = c.socket();
            open.push(ChildProcess.peerJvm("v2e echo endpoint", o.out().resolve("socket-peer-v2e.log"), 30, "v2e-echo",
                    socket.toString(), RoundTrip.ENDPOINT));
            Path echoSocket = work.resolve("echo.sock");
            open.push(ChildProcess.peerJvm("bare echo", o.out().resolve("socket-peer-echo.log"), 30, "uds-echo",
                    echoSocket.toString()));
            Map<String, ClientFactory> systems = new LinkedHashMap<>();
            systems.put(V2E, i -> new RoundTrip.V2e(i, socket));
            systems.put(V2E_RAW, i -> new RoundTrip.RawLine(i, socket, true));
            String natsUrl = startNats(o, r, open);
            if (natsUrl != null) {
                systems.put(NATS, i -> new RoundTrip.NatsRequest(i, natsUrl));
            }
            systems.put(ECHO, i -> new RoundTrip.RawLine(i, echoSocket, false));

            Map<String, List<RoundTrip>> pools = new LinkedHashMap<>();
            for (String s : systems.keySet()) {
                pools.put(s, new ArrayList<>());
            }
            // Connections stay open for the whole section (a 64-client run reuses the 8 of the last).
            for (String s : systems.keySet()) {
                ClosedLoop.run(s, "closed", clients(pools.get(s), systems.get(s), 8, open), 0, t.firstWarmup());
            }
            List<String> failed = new ArrayList<>();
            List<BrokerVariant> variants = new ArrayList<>(BrokerVariant.list());
            if (c.transportThreads() == null) {
                for (BrokerVariant v : List.copyOf(variants)) {
                    if (!v.transport().isEmpty()) {
                        variants.remove(v);
                        r.note("Variant [" + v.label() + "] (" + v.describe() + ") NOT measured: this container's transport"
                                + " has no I/O loops to configure.");
                    }
                }
            }
            BrokerVariant applied = variants.get(0); // the shipped configuration, as started
            for (int rep = 0; rep < t.repeats(); rep++) {
                for (BrokerVariant v : variants) {
                    if (v != applied) {
                        apply(c, applied, v);
                        applied = v;
                    }
                    for (int n : CLIENTS) {
                        for (String s : systems.keySet()) {
                            String name = v.isDefault() ? s : s + " [" + v.label() + "]";
                            if (failed.contains(name) || !(v.isDefault() || v.systems().contains(s))) {
                                continue;
                            }
                            List<RoundTrip> cs = clients(pools.get(s), systems.get(s), n, open);
                            long alloc0 = c.allocatedBytes();
                            long[] faults0 = c.pageFaults();
                            long connWait0 = c.runDelayNanos(CONN_THREADS);
                            long workerWait0 = c.runDelayNanos(WORKER_THREADS);
                            ClosedLoop.Outcome out;
                            try {
                                out = ClosedLoop.run(name, "closed", cs, t.warmup(), t.seconds());
                            } catch (IllegalStateException e) {
                                failed.add(name);
                                r.note("FAILED: " + name + " with " + n + " clients: " + e.getMessage()
                                        + " (no further runs of " + name + ")");
                                continue;
                            }
                            RunResult m = out.measured();
                            Map<String, Object> extra = new LinkedHashMap<>();
                            extra.put("clients", n);
                            extra.put("broker", v.label());
                            if (s.startsWith("v2e")) {
                                // over every request of the run, warm-up included (the counters cover both)
                                extra.put("containerAllocBytesPerReq", (c.allocatedBytes() - alloc0) / (double) out.allCalls());
                                extra.put("containerMinorFaultsPerReq", (c.pageFaults()[0] - faults0[0]) / (double) out.allCalls());
                                // time the threads on the message's path were runnable but had no CPU
                                extra.put("connRunqWaitUsPerReq", (c.runDelayNanos(CONN_THREADS) - connWait0) / 1e3 / out.allCalls());
                                extra.put("workerRunqWaitUsPerReq", (c.runDelayNanos(WORKER_THREADS) - workerWait0) / 1e3 / out.allCalls());
                                extra.put("containerThreads", c.threadCount());
                                extra.put("transportThreads", c.threadCount(CONN_THREADS));
                            }
                            r.add(Row.of(r.section, Integer.toString(n), rep, m, extra), m.histogram());
                        }
                    }
                }
            }
            if (applied != variants.get(0)) {
                apply(c, applied, variants.get(0));
            }
            for (BrokerVariant v : variants.subList(1, variants.size())) {
                r.note("Rows marked [" + v.label() + "] ran the same container with " + v.describe()
                        + " (applied live between runs, confirmed by RPCGetWorkers / RPCGetTransportThreads); unmarked rows"
                        + " ran the shipped defaults.");
            }
            contention(o, t, c, pools.get(V2E), systems.get(V2E), open, r, variants);
            scale(o, t, c, pools.get(V2E), systems.get(V2E), open, r);
            profile(o, t, c, pools.get(V2E), systems.get(V2E), open, r);
            largePayloads(o, t, c, r);
        } finally {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    System.err.println("socket section: closing failed: " + e);
                }
            }
        }
        notes(r, t);
        return r;
    }

    /** Moves the container from configuration {@code from} to {@code to} (broker settings, then provider). */
    private static void apply(V2eContainer c, BrokerVariant from, BrokerVariant to) throws Exception {
        if (!from.settings().equals(to.settings())) {
            c.configureBroker(to.settings(), to.expected());
        }
        if (!from.transport().equals(to.transport())) {
            c.configureTransport(to.transport());
        }
        if (!from.providerOrShipped().equals(to.providerOrShipped())) {
            c.configureProvider(to.providerOrShipped());
        }
    }

    /**
     * Names what this run measured, so before/after runs can be told apart: the distribution, the
     * revision run.sh passes (-Dv2e.bench.revision), and the transport's threads as found.
     */
    private static void describeContainer(Results r, V2eContainer c, Path dist) throws Exception {
        String threads = c.transportThreads();
        int transport = c.threadCount(CONN_THREADS);
        String design = threads != null
                ? "I/O event loops (RPCGetTransportThreads: " + Results.JSON.readTree(threads).path("loops").size()
                        + " loop thread(s), provider " + Results.JSON.readTree(threads).path("provider").asText() + ")"
                : "no RPCGetTransportThreads (a transport before issue 12: one thread per connection)";
        r.note("Configuration measured: distribution " + dist.toAbsolutePath().normalize() + ", revision "
                + System.getProperty("v2e.bench.revision", "(not given)") + "; transport: " + design + "; " + transport
                + " v2e-transport* threads with the admin connection only; the copy's max_connections = " + MAX_CONNECTIONS
                + " (for the scale rows; a limit, not a tuning).");
    }

    /**
     * The same v2e-client path while busy processes in other sessions take every CPU: shipped
     * default vs provider noop, interleaved, at 1, 8 and 64 clients (row variant contended-N).
     */
    private static void contention(Options o, Timing t, V2eContainer c, List<RoundTrip> pool, ClientFactory f,
            Deque<AutoCloseable> open, Results r, List<BrokerVariant> variants) throws Exception {
        BrokerVariant shipped = variants.get(0);
        BrokerVariant noop = variants.stream().filter(v -> "noop".equals(v.provider()) && v.settings().isEmpty())
                .findFirst().orElse(new BrokerVariant("noop", Map.of(), shipped.expected(), "noop", Map.of(), Set.of(V2E)));
        List<BrokerVariant> contended = new ArrayList<>(List.of(shipped, noop));
        // more variants under contention, by label (-Dv2e.bench.socket.contended.variants=rtio,rtall)
        for (String label : System.getProperty("v2e.bench.socket.contended.variants", "").split(",")) {
            variants.stream().filter(v -> v.label().equals(label.trim()) && !contended.contains(v)).forEach(contended::add);
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        BrokerVariant applied = shipped;
        try (SessionCompetitors busy = new SessionCompetitors(cpus)) {
            r.note("Contention rows (" + CONTENDED + "N): " + busy.describe() + ". Shipped default vs [noop] on the same"
                    + " v2e-client path, interleaved, " + t.repeats() + " repeats.");
            for (int rep = 0; rep < t.repeats(); rep++) {
                for (int n : CLIENTS) {
                    for (BrokerVariant v : contended) {
                        if (v != applied) {
                            apply(c, applied, v);
                            applied = v;
                        }
                        String name = v == shipped ? V2E : V2E + " [" + v.label() + "]";
                        List<RoundTrip> cs = clients(pool, f, n, open);
                        long connWait0 = c.runDelayNanos(CONN_THREADS);
                        long workerWait0 = c.runDelayNanos(WORKER_THREADS);
                        ClosedLoop.Outcome out = ClosedLoop.run(name, "closed", cs, t.warmup(), t.seconds());
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("clients", n);
                        extra.put("broker", v.label());
                        extra.put("competitors", cpus);
                        extra.put("connRunqWaitUsPerReq", (c.runDelayNanos(CONN_THREADS) - connWait0) / 1e3 / out.allCalls());
                        extra.put("workerRunqWaitUsPerReq", (c.runDelayNanos(WORKER_THREADS) - workerWait0) / 1e3 / out.allCalls());
                        r.add(Row.of(r.section, CONTENDED + n, rep, out.measured(), extra), out.measured().histogram());
                    }
                }
            }
        } finally {
            if (applied != shipped) {
                apply(c, applied, shipped);
            }
        }
    }

    /**
     * Many connected clients, few active: N connections in all (N - 64 idle raw connections that
     * never send, 64 V2eClients in the closed loop), the shipped configuration; reports req/s and the
     * container's thread count (/proc/PID/task) while they are connected (row variant scale-N).
     */
    private static void scale(Options o, Timing t, V2eContainer c, List<RoundTrip> pool, ClientFactory f,
            Deque<AutoCloseable> open, Results r) throws Exception {
        List<RoundTrip> active = clients(pool, f, SCALE_ACTIVE, open);
        for (int connected : SCALE_CONNECTED) {
            List<java.nio.channels.SocketChannel> idle = new ArrayList<>();
            try {
                for (int i = 0; i < connected - SCALE_ACTIVE; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
                    ch.connect(java.net.UnixDomainSocketAddress.of(c.socket()));
                    idle.add(ch);
                }
                Thread.sleep(200); // accepted and registered
                for (int rep = 0; rep < t.repeats(); rep++) {
                    int threads = c.threadCount();
                    ClosedLoop.Outcome out = ClosedLoop.run(V2E, "closed", active, t.warmup(), t.seconds());
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("clients", SCALE_ACTIVE);
                    extra.put("connected", connected);
                    extra.put("containerThreads", Math.max(threads, c.threadCount()));
                    extra.put("transportThreads", c.threadCount(CONN_THREADS));
                    r.add(Row.of(r.section, SCALE + connected, rep, out.measured(), extra), out.measured().histogram());
                }
            } finally {
                for (java.nio.channels.SocketChannel ch : idle) {
                    ch.close();
                }
            }
        }
        r.note("Scale rows (" + SCALE + "N): N client connections to the container in all, " + SCALE_ACTIVE
                + " of them V2eClients in the closed loop, the rest raw connections that stay idle; containerThreads is"
                + " /proc/PID/task of the container JVM during the run (the other systems' pools and the endpoint are"
                + " connected too: about " + (2 * SCALE_ACTIVE + 2) + " more connections).");
    }

    /** The first {@code n} clients of a pool, opening the missing ones. */
    static List<RoundTrip> clients(List<RoundTrip> pool, ClientFactory f, int n, Deque<AutoCloseable> open)
            throws Exception {
        while (pool.size() < n) {
            RoundTrip c = f.open(pool.size());
            open.push(c);
            pool.add(c);
        }
        return pool.subList(0, n);
    }

    /** Starts nats-server and the jnats responder; null (and a note) when nats-server is not installed. */
    private static String startNats(Options o, Results r, Deque<AutoCloseable> open) throws Exception {
        Path server = executable("nats-server");
        if (server == null) {
            r.note("nats-server is not installed (apt-get install nats-server): the NATS peer is NOT measured in this run");
            return null;
        }
        String url = startNatsServer(server, o.out().resolve("socket-nats-server.log"), open);
        open.push(ChildProcess.peerJvm("nats responder", o.out().resolve("socket-peer-nats.log"), 30, "nats-echo", url,
                RoundTrip.SUBJECT));
        String version = new String(new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start()
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        r.note("NATS peer: " + version + " on " + url + " (default settings), responder and clients with jnats "
                + io.nats.client.Nats.CLIENT_VERSION + ".");
        return url;
    }

    /** The named program on PATH or in the usual system directories; null when not installed. */
    /** Starts {@code server} (nats-server) on a free loopback port, logging to {@code log}; returns its URL. */
    static String startNatsServer(Path server, Path log, Deque<AutoCloseable> open) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ChildProcess nats = ChildProcess.start("nats-server", List.of(server.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port)), Map.of(), log);
        open.push(nats);
        nats.awaitCondition("say 'Server is ready'", 30, () -> {
            try {
                return Files.readString(log).contains("Server is ready");
            } catch (IOException e) {
                return false;
            }
        });
        return "nats://127.0.0.1:" + port;
    }

    static Path executable(String name) {
        List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** One extra v2e run with 64 clients under a JFR recording of the container (not reported as a row). */
    private static void profile(Options o, Timing t, V2eContainer c, List<RoundTrip> pool, ClientFactory f,
            Deque<AutoCloseable> open, Results r) throws Exception {
        Path jfr = o.out().resolve(CONTAINER_JFR).toAbsolutePath();
        Files.deleteIfExists(jfr);
        c.startRecording();
        String before = c.transportThreads();
        ClosedLoop.Outcome out;
        try {
            out = ClosedLoop.run(V2E, "closed", clients(pool, f, 64, open), t.warmup(), t.seconds());
        } finally {
            c.stopRecording(jfr);
        }
        String after = c.transportThreads();
        if (before != null && after != null) {
            long[] d = loopCounters(after);
            long[] b = loopCounters(before);
            double n = out.allCalls();
            r.note(String.format(java.util.Locale.ROOT, "I/O loop counters over that run (RPCGetTransportThreads, %,d"
                    + " requests, %d loop(s)): %.2f select rounds, %.2f ready events, %.3f selector wake-ups by other"
                    + " threads and %.3f handed-in tasks per request (each request is 2 lines in and 2 out: from the"
                    + " client, to the endpoint, from the endpoint, to the client).", out.allCalls(), (int) d[4],
                    (d[0] - b[0]) / n, (d[1] - b[1]) / n, (d[2] - b[2]) / n, (d[3] - b[3]) / n));
        }
        r.note("Container JFR (settings=profile) of one extra " + V2E + " run with 64 clients: results/" + CONTAINER_JFR
                + " (its top frames are in the report; that run is not among the rows).");
    }

    /**
     * Distinct 1 MiB payloads (a new JSON string per message, never one shared buffer), one V2eClient,
     * as requests to the external echo endpoint: each message crosses the socket four times.
     */
    private static void largePayloads(Options o, Timing t, V2eContainer c, Results r) throws Exception {
        byte[] template = new byte[PAYLOAD_BYTES];
        Arrays.fill(template, (byte) 'x');
        template[0] = '"';
        template[PAYLOAD_BYTES - 1] = '"';
        boolean hwmReset = c.resetPeakRss();
        try (V2eClient client = V2eClient.connect(c.socket())) {
            oneLargeRun(client, template, t.largeWarmup(), 0);
            for (int rep = 0; rep < t.repeats(); rep++) {
                long alloc0 = c.allocatedBytes();
                long[] faults0 = c.pageFaults();
                RunResult m = oneLargeRun(client, template, t.largeCount(), (rep + 1) * 1_000_000);
                long alloc = c.allocatedBytes() - alloc0;
                long[] faults1 = c.pageFaults();
                double n = m.delivered();
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("clients", 1);
                extra.put("MiBPerSec", m.throughputPerSec() * PAYLOAD_BYTES / (1 << 20));
                extra.put("containerAllocBytesPerMsg", alloc / n);
                extra.put("containerMinorFaultsPerMsg", (faults1[0] - faults0[0]) / n);
                extra.put("containerMajorFaults", faults1[1] - faults0[1]);
                extra.put("containerVmHwmKb", c.statusKb("VmHWM"));
                extra.put("containerVmRssKb", c.statusKb("VmRSS"));
                r.add(Row.of(r.section, LARGE, rep, m, extra), m.histogram());
            }
        }
        r.note("1 MiB payloads: one " + V2E + " sends a new " + PAYLOAD_BYTES + "-byte JSON string per request (stamped"
                + " with its sequence number) to the external echo endpoint and waits for the answer, which must equal it:"
                + " each message crosses the socket 4 times (client -> container -> endpoint -> container -> client)."
                + " Warm-up " + t.largeWarmup() + " messages, then " + t.largeCount() + " per repeat. Allocation is the"
                + " container JVM's (HotSpot per-thread counters of its live threads, summed, read over JMX; the JMX/RMI"
                + " and attach threads of the measurement itself excluded). "
                + (hwmReset ? "The container's VmHWM was reset (clear_refs 5) before the 1 MiB runs, so it is their peak RSS."
                        : "VmHWM could not be reset (clear_refs refused): it is the container's peak RSS since it started."));
    }

    private static RunResult oneLargeRun(V2eClient client, byte[] template, int count, int seqBase)
            throws Exception {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            stamp(template, seqBase + i);
            String payload = new String(template, StandardCharsets.ISO_8859_1);
            long t0 = System.nanoTime();
            Message answer = client.request(RoundTrip.ENDPOINT, "echo", payload, RoundTrip.TIMEOUT);
            h.recordValue(System.nanoTime() - t0);
            if (answer.type() != MessageType.RESPONSE || !payload.equals(answer.payload())) {
                throw new IllegalStateException("1 MiB request " + (seqBase + i) + " got a wrong answer: " + answer.type()
                        + " " + answer.error() + ", payload of " + (answer.payload() == null ? 0 : answer.payload().length())
                        + " chars");
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new RunResult(V2E, "echo", 0, count, h.getTotalCount(), secs, h, false);
    }

    /** Selects, ready events, wake-ups, tasks summed over the loops of an RPCGetTransportThreads payload, and the loop count. */
    private static long[] loopCounters(String threadsJson) throws IOException {
        long[] sum = new long[5];
        for (com.fasterxml.jackson.databind.JsonNode l : Results.JSON.readTree(threadsJson).path("loops")) {
            sum[0] += l.path("selects").asLong();
            sum[1] += l.path("ready_events").asLong();
            sum[2] += l.path("wakeups").asLong();
            sum[3] += l.path("tasks_run").asLong();
            sum[4]++;
        }
        return sum;
    }

    /** Writes the sequence number's digits after the opening quote, so every payload differs. */
    private static void stamp(byte[] template, int seq) {
        String digits = Integer.toString(seq);
        for (int i = 0; i < 10; i++) {
            template[1 + i] = (byte) (i < digits.length() ? digits.charAt(i) : '-');
        }
    }

    private static void notes(Results r, Timing t) {
        r.note("Why [backoff] and [park]: the shipped workers idle with the wake strategy (1,000 spins, then sleep"
                + " until the thread that queues a message for them unparks them); [backoff] (the default until this section"
                + " measured wake faster) spins 10,000 times, yields 100 times, then parks up to 1 ms, so a message queued"
                + " meanwhile waits for the timer; [park] sleeps 50 us at a time. [ionice0] runs the transport's I/O loops at nice 0 instead of the"
                + " shipped io_nice -10. The container JFR below shows where its sampled time goes.");
        r.note("Closed loop: each client sends a request and waits for its answer before the next; latency is send ->"
                + " answer per request (HdrHistogram). Closed-loop latency is NOT corrected for coordinated omission: a slow"
                + " answer delays that client's next request instead of queueing behind it. The reference numbers in the"
                + " issue (nats-server and bare echo) were taken the same way, so the comparison is like for like; the"
                + " fixed-rate, corrected view of the broker is section 2a.");
        r.note("Every process is separate: the container (bin/v2e of a private copy of distribution/target/v2e, default"
                + " etc/ and JVM options, its own run/v2e.sock), the external v2e endpoint JVM (V2eClient.serve, answers on"
                + " its reader thread), the jnats responder JVM (one dispatcher), the bare echo JVM (java.nio, a thread per"
                + " connection); all clients are threads of the harness JVM, one connection each. All share the 2 CPUs.");
        r.note("Payload: a ~100-byte JSON object distinct per request ({client, seq, pad}); every answer is checked to carry"
                + " its own request's payload (v2e: RESPONSE with the same payload; NATS: same bytes; echo: the same line).");
        r.note("Timing: " + t.repeats() + " interleaved repeats (for each repeat, for each client count, every system in"
                + " turn), each " + t.warmup() + " s warm-up + " + t.seconds() + " s measured, after one " + t.firstWarmup()
                + " s warm-up per system with 8 clients. Connections stay open across runs.");
    }
}
