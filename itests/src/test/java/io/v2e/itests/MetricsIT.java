package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Prometheus metrics of a running container, scraped over HTTP as Prometheus would, with the optional
 * opt/metrics bundles dropped into deploy/; values checked against the requests sent and against /proc.
 */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern WORKER_INFO = Pattern.compile(
            "v2e_worker_info\\{worker=\"([^\"]+)\",tid=\"(\\d+)\",provider=\"([^\"]+)\",cpu=\"(-?\\d+)\"} 1");
    private static final List<String> UNPRIVILEGED = List.of("setpriv", "--inh-caps=-sys_nice,-sys_admin",
            "--bounding-set=-sys_nice,-sys_admin", "--");

    @Test
    void scrapeCountsExactlyTheRequestsSentThroughTheSocket() throws Exception {
        try (Running c = Running.start("metrics-count", List.of())) {
            String before = c.awaitReadyScrape();
            assertEquals(0, value(before, "v2e_broker_received_total"), before);
            List<String> answers = c.requestOverSocket(5);
            assertEquals(5, answers.size());
            String after = c.scrape();
            assertEquals(5, value(after, "v2e_broker_received_total"), after);
            assertEquals(5, value(after, "v2e_endpoint_received_total{endpoint=\"broker\",kind=\"broker\"}"), after);
            assertEquals(5, value(after, "v2e_endpoint_latency_samples{endpoint=\"broker\",stage=\"handler\",window=\"start\"}"), after);
            assertTrue(value(after, "v2e_endpoint_latency_seconds{endpoint=\"broker\",stage=\"handler\",window=\"start\",quantile=\"1\"}") > 0, after);
            assertEquals(0, value(after, "v2e_broker_queue_depth"), after);
        }
    }

    @Test
    void workersInTheScrapeAreTheThreadsProcShowsPinnedAndNiced() throws Exception {
        try (Running c = Running.start("metrics-workers", List.of())) {
            String text = c.awaitReadyScrape();
            List<Matcher> workers = workerInfos(text);
            assertFalse(workers.isEmpty(), text);
            for (Matcher w : workers) {
                ThreadKernelState k = ThreadKernelState.of(c.process.pid(), Long.parseLong(w.group(2)));
                assertEquals(w.group(4), k.cpus(), "worker " + w.group(1) + " pinned as scraped: " + text);
                assertEquals(k.nice(), value(text, "v2e_worker_nice{worker=\"" + w.group(1) + "\"}"), text);
                assertTrue(text.contains("v2e_worker_tuning_outcome{worker=\"" + w.group(1)
                        + "\",setting=\"affinity\",outcome=\"APPLIED\",detail=\"APPLIED\"} 1"), text);
            }
        }
    }

    @Test
    void withoutCapSysNiceTheScrapeShowsNiceDeniedAndTheContainerIsReady() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // a negative nice (the default is 0) is what the kernel refuses without CAP_SYS_NICE
        try (Running c = Running.start("metrics-denied", UNPRIVILEGED, "\nnice = -10\n")) {
            String text = c.awaitReadyScrape();
            List<Matcher> workers = workerInfos(text);
            assertFalse(workers.isEmpty(), text);
            for (Matcher w : workers) {
                Matcher nice = Pattern.compile("v2e_worker_tuning_outcome\\{worker=\"" + Pattern.quote(w.group(1))
                        + "\",setting=\"nice\",outcome=\"DENIED\",detail=\"([^\"]*)\"} 1").matcher(text);
                assertTrue(nice.find(), text);
                assertTrue(nice.group(1).contains("EACCES"), nice.group(1));
                assertEquals(0, ThreadKernelState.of(c.process.pid(), Long.parseLong(w.group(2))).nice(),
                        "the kernel kept nice 0");
            }
            assertEquals(1, c.requestOverSocket(1).size(), "the broker still routes");
        }
    }

    @Test
    void transportBytesAndConnectionsAndSsgParsesAreCountedExactly() throws Exception {
        Path chromium = Path.of("/usr/share/xml/scap/ssg/content/ssg-chromium-ds.xml");
        assumeTrue(Files.isReadable(chromium), "needs ssg-applications");
        try (Running c = Running.start("metrics-transport", List.of())) {
            String before = c.awaitReadyScrape();
            assertEquals(0, value(before, "v2e_transport_connections_accepted_total"), before);
            assertEquals(0, value(before, "v2e_transport_bytes_in_total"), before);
            assertEquals(0, value(before, "v2e_ssg_files_parsed_total"), before);
            String parse = "{\"type\":\"request\",\"id\":\"RPCSSGParse\",\"target\":\"ssg\",\"payload\":{\"file_path\":\""
                    + chromium + "\"},\"correlation_id\":\"p-1\"}";
            Path bad = Files.writeString(c.v2e.home().resolve("content/unclosed.xml"), "<Benchmark>");
            String malformed = "{\"type\":\"request\",\"id\":\"RPCSSGParse\",\"target\":\"ssg\",\"payload\":{\"file_path\":\""
                    + bad + "\"},\"correlation_id\":\"p-2\"}";
            List<String> sent = List.of(parse, malformed);
            List<String> answers = c.exchange(sent);
            assertTrue(answers.get(0).contains("\"type\":\"response\""), answers.get(0));
            assertTrue(answers.get(1).contains("\"type\":\"error\""), answers.get(1));
            long in = sent.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
            long out = answers.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
            String after = await("connection closed in the scrape").atMost(V2e.PATIENCE).until(c::scrape,
                    t -> t.contains("\nv2e_transport_connections_open 0\n"));
            assertEquals(1, value(after, "v2e_transport_connections_accepted_total"), after);
            assertEquals(in, value(after, "v2e_transport_bytes_in_total"), after);
            assertEquals(out, value(after, "v2e_transport_bytes_out_total"), after);
            assertEquals(1, value(after, "v2e_ssg_files_parsed_total"), after);
            assertEquals(Files.size(chromium), value(after, "v2e_ssg_parsed_bytes_total"), after);
            assertTrue(value(after, "v2e_ssg_parse_seconds_total") > 0, after);
            assertEquals(1, value(after, "v2e_ssg_parse_errors_total"), after);
        }
    }

    @Test
    void httpListensOnLoopbackOnly() throws Exception {
        try (Running c = Running.start("metrics-loopback", List.of())) {
            c.awaitReadyScrape();
            Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + c.port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ss.waitFor(10, TimeUnit.SECONDS));
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            assertFalse(lines.isEmpty(), out);
            Pattern loopback = Pattern.compile("\\s(\\[::ffff:)?127\\.0\\.0\\.1]?:" + c.port + "\\s");
            assertTrue(lines.stream().allMatch(l -> loopback.matcher(l).find()), out);
        }
    }

    private static List<Matcher> workerInfos(String text) {
        List<Matcher> list = new ArrayList<>();
        Matcher m = WORKER_INFO.matcher(text);
        while (m.find()) {
            list.add(WORKER_INFO.matcher(m.group()));
            list.get(list.size() - 1).matches();
        }
        return list;
    }

    /** The value of the one sample named exactly {@code sample} (name plus labels). */
    static double value(String text, String sample) {
        List<String> hits = text.lines().filter(l -> l.startsWith(sample + " ")).toList();
        assertEquals(1, hits.size(), "one sample " + sample + " in:\n" + text);
        return Double.parseDouble(hits.get(0).substring(sample.length() + 1));
    }

    /**
     * A container of a private distribution copy with an opt/ folder's bundles in deploy/ (opt/metrics unless
     * told), on a free HTTP port. ConsoleIT starts it with opt/console.
     */
    static final class Running implements AutoCloseable {
        final V2e v2e;
        final Process process;
        final int port;

        private Running(V2e v2e, Process process, int port) {
            this.v2e = v2e;
            this.process = process;
            this.port = port;
        }

        static Running start(String name, List<String> prefix) throws IOException {
            return start(name, prefix, "");
        }

        /** With {@code brokerCfg} appended to the copy's etc/io.v2e.broker.cfg. */
        static Running start(String name, List<String> prefix, String brokerCfg) throws IOException {
            return start(name, "opt/metrics", prefix, brokerCfg);
        }

        /** With the bundles of {@code opt} (a folder of the distribution) in deploy/. */
        static Running start(String name, String opt, List<String> prefix, String brokerCfg) throws IOException {
            V2e v2e = V2e.copyOfDistribution(name);
            Files.writeString(v2e.home().resolve("etc/io.v2e.broker.cfg"), brokerCfg, java.nio.file.StandardOpenOption.APPEND);
            try (var jars = Files.list(v2e.home().resolve(opt))) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, v2e.home().resolve("deploy").resolve(jar.getFileName()));
                }
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> cmd = new ArrayList<>(prefix);
            cmd.add(v2e.home().resolve("bin/v2e").toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("/").toFile());
            pb.environment().put("JAVA_OPTS", "-Dorg.osgi.service.http.port=" + port);
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectOutput(v2e.home().resolve("stdout.txt").toFile()).redirectError(v2e.home().resolve("stderr.txt").toFile());
            return new Running(v2e, pb.start(), port);
        }

        String scrape() throws IOException, InterruptedException {
            HttpResponse<String> r = get();
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            return r.body();
        }

        private HttpResponse<String> get() throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Scrapes until the container reports ready (the HTTP bundles come with deploy/, a moment after boot). */
        String awaitReadyScrape() {
            String[] last = {""};
            await("ready scrape on port " + port).atMost(V2e.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertTrue(process.isAlive(), () -> "container exited: " + V2e.readOrEmpty(v2e.home().resolve("stderr.txt")));
                try {
                    // 404 until the servlet is registered: Jetty starts a moment before it
                    if (get().statusCode() != 200) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
                last[0] = scrape();
                return last[0].contains("\nv2e_ready 1\n");
            });
            return last[0];
        }

        /** Sends {@code n} RPCGetMessageCount requests on one connection to run/v2e.sock and reads the n answers. */
        List<String> requestOverSocket(int n) throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                lines.add("{\"type\":\"request\",\"id\":\"RPCGetMessageCount\",\"target\":\"broker\",\"payload\":{},"
                        + "\"correlation_id\":\"m-" + i + "\"}");
            }
            List<String> answers = exchange(lines);
            for (int i = 0; i < n; i++) {
                assertTrue(answers.get(i).contains("\"type\":\"response\""), "answer " + i + ": " + answers.get(i));
            }
            return answers;
        }

        /** Writes {@code requests} (one line each) on one new connection to run/v2e.sock and reads as many answer lines. */
        List<String> exchange(List<String> requests) throws IOException {
            int n = requests.size();
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(v2e.home().resolve("run/v2e.sock")))) {
                StringBuilder lines = new StringBuilder();
                requests.forEach(r -> lines.append(r).append('\n'));
                ByteBuffer out = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String line = in.readLine();
                    assertTrue(line != null, "answer " + i + " missing");
                    answers.add(line);
                }
                return answers;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
