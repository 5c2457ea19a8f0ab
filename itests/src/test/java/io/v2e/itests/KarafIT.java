package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.launcher.FileTrees;

/**
 * The features repository (ops/karaf-features) in a real Apache Karaf: unpacked, started on free
 * loopback ports, {@code feature:install v2e v2e-ssg} by Karaf's own resolver, then the shell
 * commands through Karaf's {@code bin/client} (SSH) as an operator runs them; then
 * {@code v2e-metrics-http} (/metrics on Karaf's Pax Web) and {@code v2e-console} (Web Console 5 on Felix
 * HTTP Jetty) over HTTP on 127.0.0.1. This build's features.xml and io.v2e bundles are staged into
 * Karaf's system/ repository first (ReactorArtifacts), so the test never runs stale artifacts from
 * ~/.m2; third-party bundles come through Maven (the build's local repository, then Maven Central).
 */
class KarafIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static Path home;
    private static int sshPort;
    private static Process karaf;
    private static int paxWebPort;
    private static int consolePort;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void karafWithTheV2eFeatures() throws Exception {
        Path work = Path.of(System.getProperty("v2e.it.work", "target/it-work")).toAbsolutePath().resolve("karaf");
        FileTrees.delete(work);
        Files.createDirectories(work);
        run(work, Duration.ofMinutes(2), "tar", "xzf", System.getProperty("v2e.karaf.archive"), "-C", work.toString());
        home = work.resolve("apache-karaf-" + System.getProperty("v2e.karaf.version", "4.4.8"));
        // this build's features and bundles, found by Karaf before anything in ~/.m2 (mvn verify installs nothing)
        List<String> staged = ReactorArtifacts.stage(Path.of(System.getProperty("v2e.reactor.root", "..")).toAbsolutePath().normalize(),
                VERSION, home.resolve("system"), java.util.Set.of("tuning-ffm"));
        assertTrue(staged.containsAll(List.of("broker", "transport", "console", "metrics-http")), "staged " + staged);
        sshPort = freePort();
        edit("etc/users.properties", "#karaf = ", "karaf = ");
        edit("etc/users.properties", "#_g_\\:admingroup", "_g_\\:admingroup");
        edit("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        edit("etc/org.apache.karaf.shell.cfg", "sshHost = 0.0.0.0", "sshHost = 127.0.0.1");
        edit("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        edit("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        Files.writeString(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"), "\norg.ops4j.pax.url.mvn.localRepository="
                + System.getProperty("org.ops4j.pax.url.mvn.localRepository") + "\n", StandardOpenOption.APPEND);
        // written before the features' first install: Karaf then keeps them instead of the features' <config>
        paxWebPort = freePort();
        Files.writeString(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = " + paxWebPort
                + "\norg.ops4j.pax.web.listening.addresses = 127.0.0.1\n");
        consolePort = freePort();
        Files.writeString(home.resolve("etc/org.apache.felix.http.cfg"), "org.osgi.service.http.port = " + consolePort
                + "\norg.apache.felix.http.host = 127.0.0.1\n");

        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile());
        pb.environment().put("JAVA_HOME", karafJavaHome());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(home.resolve("stdout.txt").toFile()).redirectErrorStream(true);
        karaf = pb.start();
        await("Karaf's SSH shell").atMost(V2e.PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> client("bundle:list -t 0", Duration.ofSeconds(20)).contains("Active"));
        String added = client("feature:repo-add mvn:io.v2e/karaf-features/" + VERSION + "/xml/features", Duration.ofMinutes(1));
        assertTrue(added.contains("Adding feature url"), added);
        String installed = client("feature:install v2e v2e-ssg v2e-metrics-http v2e-console", Duration.ofMinutes(5));
        assertEquals("", installed.strip(), "feature:install prints nothing when it worked");
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf == null) {
            return;
        }
        run(home, Duration.ofMinutes(1), home.resolve("bin/stop").toString());
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    @Test
    void featuresAreStartedByKarafsResolver() throws Exception {
        String list = client("feature:list -i", Duration.ofMinutes(1));
        assertTrue(list.lines().anyMatch(l -> l.matches("v2e\\s+\\|.*\\|\\s+Started\\s+\\|.*")), list);
        assertTrue(list.lines().anyMatch(l -> l.matches("v2e-ssg\\s+\\|.*\\|\\s+Started\\s+\\|.*")), list);
        assertTrue(list.lines().anyMatch(l -> l.matches("v2e-metrics-http\\s+\\|.*\\|\\s+Started\\s+\\|.*")), list);
        assertTrue(list.lines().anyMatch(l -> l.matches("v2e-console\\s+\\|.*\\|\\s+Started\\s+\\|.*")), list);
        assertTrue(list.lines().anyMatch(l -> l.matches("pax-web-http-whiteboard\\s+\\|.*\\|\\s+Started\\s+\\|.*")), list);
    }

    @Test
    void tuningInfoShowsTheJnrProviderAndThisProcesssCpus() throws Exception {
        String info = client("echo (tuning:info)", Duration.ofMinutes(1));
        assertTrue(info.contains("Tuning provider: jnr (service.ranking 300"), info);
        assertTrue(info.contains("Selection:       provider = auto"), info);
    }

    @Test
    void brokerSendAnswersTheBrokersOwnRpc() throws Exception {
        await("container ready").atMost(V2e.PATIENCE).until(() -> karafLog().contains("container ready (osgi.condition.id=v2e.ready)"));
        String answer = client("echo (broker:send broker RPCGetMessageCount '{}')", Duration.ofMinutes(1));
        // other tests of this class send messages too (readiness and metrics send none): counts are relative.
        // Every earlier message has been delivered; this one is counted but not yet delivered.
        Matcher m = Pattern.compile("\\{\"type\":\"response\",\"id\":\"RPCGetMessageCount\",\"payload\":\\{\"count\":(\\d+),"
                + "\"delivered\":(\\d+)\\},\"source\":\"broker\",\"target\":\"shell\",\"correlation_id\":\"v2e-broker-(\\d+)\"\\}")
                .matcher(answer.strip());
        assertTrue(m.matches(), answer);
        assertEquals(Long.parseLong(m.group(1)) - 1, Long.parseLong(m.group(2)), answer);
    }

    @Test
    void metricsOnPaxWebCountTheBrokerRpcSentFromTheShell() throws Exception {
        await("container ready").atMost(V2e.PATIENCE).until(() -> karafLog().contains("container ready (osgi.condition.id=v2e.ready)"));
        String url = "http://127.0.0.1:" + paxWebPort + "/metrics";
        await("GET " + url).atMost(V2e.PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> LoopbackHttp.get(url, null).statusCode() == 200);
        HttpResponse<String> first = LoopbackHttp.get(url, null);
        assertEquals("text/plain;version=0.0.4;charset=utf-8",
                first.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        String before = first.body();
        String brokerEndpoint = "v2e_endpoint_received_total{endpoint=\"broker\",kind=\"broker\"}";
        assertEquals(1, MetricsIT.value(before, "v2e_broker_up"), before);

        String answer = client("echo (broker:send broker RPCGetMessageCount '{}')", Duration.ofMinutes(1));
        Matcher count = Pattern.compile("\"payload\":\\{\"count\":(\\d+),").matcher(answer);
        assertTrue(count.find(), answer);

        String after = LoopbackHttp.get(url, null).body();
        // nothing else sends between the two scrapes: the broker's total is the count it answered,
        // and its own endpoint received exactly this one request more
        assertEquals(Long.parseLong(count.group(1)), MetricsIT.value(after, "v2e_broker_received_total"), after);
        assertEquals(MetricsIT.value(before, brokerEndpoint) + 1, MetricsIT.value(after, brokerEndpoint), after);
        assertEquals(1, MetricsIT.value(after, "v2e_ready"), after);
    }

    @Test
    void consoleDataJsonShowsTheWorkersRpcGetWorkersReports() throws Exception {
        String data = "http://127.0.0.1:" + consolePort + "/system/console/v2e/data.json";
        JsonNode[] page = {null};
        JsonNode[] rpc = {null};
        // both read again until every worker is tuned and both name the same provider (tuning-select may swap it once)
        await("GET " + data).atMost(V2e.PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            HttpResponse<String> r = LoopbackHttp.get(data, "admin:admin");
            if (r.statusCode() != 200) {
                return false;
            }
            assertEquals("application/json;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
            page[0] = JSON.readTree(r.body());
            rpc[0] = JSON.readTree(client("echo (broker:send broker RPCGetWorkers '{}')", Duration.ofMinutes(1)).strip()).path("payload");
            boolean tuned = page[0].path("workers").path("workers").size() > 0;
            for (JsonNode w : page[0].path("workers").path("workers")) {
                tuned &= w.path("tuning_current").asBoolean();
            }
            return tuned && !page[0].path("workers").path("provider_pending").asBoolean()
                    && page[0].path("workers").path("provider").equals(rpc[0].path("provider"));
        });
        JsonNode workers = page[0].path("workers");
        assertEquals("jnr", workers.path("provider").asText(), workers.toString());
        assertEquals(rpc[0].path("workers").size(), workers.path("workers").size(), rpc[0] + " vs " + workers);
        for (int i = 0; i < workers.path("workers").size(); i++) {
            JsonNode w = workers.path("workers").get(i);
            JsonNode r = rpc[0].path("workers").get(i);
            assertEquals(r.path("name"), w.path("name"), w.toString());
            assertEquals(r.path("tid"), w.path("tid"), w.toString());
            assertEquals(r.path("cpu"), w.path("cpu"), w.toString());
        }
        assertTrue(page[0].path("ready").asBoolean(), page[0].toString());
        assertTrue(page[0].path("transport").path("loops").size() > 0, "the transport answered: " + page[0]);
        List<String> endpoints = new ArrayList<>();
        page[0].path("endpoints").forEach(e -> endpoints.add(e.path("name").asText()));
        assertTrue(endpoints.containsAll(List.of("broker", "ssg", "transport")), endpoints.toString());

        // the page itself, inside the Web Console's frame: one row per worker
        HttpResponse<String> html = LoopbackHttp.get("http://127.0.0.1:" + consolePort + "/system/console/v2e", "admin:admin");
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("<table id=\"v2e-workers\""), html.body());
        for (JsonNode w : workers.path("workers")) {
            assertTrue(html.body().contains("<tr class=\"v2e-worker\" data-tid=\"" + w.path("tid").asInt() + "\""), html.body());
        }
    }

    @Test
    void consoleAsksForTheWebConsolesOwnUserNotKarafsJaasOne() throws Exception {
        String data = "http://127.0.0.1:" + consolePort + "/system/console/v2e/data.json";
        await("GET " + data).atMost(V2e.PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> LoopbackHttp.get(data, "admin:admin").statusCode() == 200);
        assertEquals(401, LoopbackHttp.get(data, null).statusCode());
        assertEquals(401, LoopbackHttp.get(data, "admin:wrong").statusCode());
        assertEquals(401, LoopbackHttp.get(data, "karaf:karaf").statusCode());
    }

    @Test
    void ssgInfoReadsTheVendoredDataStream() throws Exception {
        String info = client("echo (ssg:info)", Duration.ofMinutes(1));
        assertTrue(info.contains("Document type: Source Data Stream"), info);
        assertTrue(info.contains("ssg-chromium"), info);
    }

    @Test
    void transportSocketIsInKarafsDataDirectory() throws Exception {
        Path socket = home.resolve("data/v2e.sock");
        await("socket " + socket).atMost(V2e.PATIENCE).until(() -> Files.exists(socket));
        assertTrue(Files.readAttributes(socket, BasicFileAttributes.class).isOther(), "a UNIX socket, not a file");
    }

    @Test
    void readinessConditionIsReachedInKaraf() {
        await("container ready in karaf.log").atMost(V2e.PATIENCE)
                .until(() -> karafLog().contains("io.v2e.readiness") && karafLog().contains("container ready"));
    }

    private static String karafLog() {
        return V2e.readOrEmpty(home.resolve("data/log/karaf.log"));
    }

    /** Runs one command line through Karaf's bin/client in batch mode (the command on stdin) and returns its output. */
    private static String client(String command, Duration bound) throws IOException, InterruptedException {
        Path in = Files.createTempFile("karaf-cmd", ".txt");
        Files.writeString(in, command + "\n");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-b").directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", karafJavaHome());
        pb.redirectInput(in.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client '" + command + "' did not finish within " + bound);
        }
        Files.delete(in);
        // the script's own warning when JAVA_HOME is unset; ANSI colours of grep highlights
        return out.lines().filter(l -> !l.startsWith("client: JAVA_HOME not set"))
                .map(l -> l.replaceAll("\u001B\\[[;\\d]*m", "")).reduce("", (a, b) -> a + b + "\n");
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path f = home.resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), file + " has no '" + from + "'");
        Files.writeString(f, text.replace(from, to));
    }

    /**
     * A JDK Karaf 4.4 runs on (11 to 21): this test's own, else an installed 17 or 21. Karaf 4.4.8's
     * scripts pass a Security Manager option that Java 24+ refuses at VM start, so on the Java 25 run
     * of the build Karaf itself runs on 17 (the bundles are built for 17).
     */
    private static String karafJavaHome() {
        if (Runtime.version().feature() <= 21) {
            return System.getProperty("java.home");
        }
        for (String candidate : List.of("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-21-openjdk-amd64",
                "/usr/lib/jvm/java-17-openjdk-arm64", "/usr/lib/jvm/java-21-openjdk-arm64")) {
            if (Files.isExecutable(Path.of(candidate, "bin/java"))) {
                return candidate;
            }
        }
        throw new AssertionError("Karaf 4.4 needs a Java 11-21 next to Java " + Runtime.version().feature()
                + " (none found under /usr/lib/jvm)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(Path dir, Duration bound, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", karafJavaHome());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(bound.toSeconds(), TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
}
