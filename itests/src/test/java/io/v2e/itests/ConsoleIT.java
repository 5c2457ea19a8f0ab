package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Web Console page /system/console/v2e of a running container with opt/console in deploy/, loaded
 * in Debian's headless Chromium as a person's browser would (its script runs, fetches data.json and
 * draws), checked against /proc and against RPCGetWorkers; a screenshot lands in target/console.png.
 */
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORKER_ROW = Pattern.compile("<tr class=\"v2e-worker[^\"]*\" data-tid=\"(\\d+)\" data-cpu=\"(\\d+)\">");
    private static final Pattern MAP_ROW = Pattern.compile("<tr data-cpu=\"(\\d+)\"[^>]*><td>\\d+</td><td>(.*?)</td></tr>");
    private static final Pattern MAP_THREAD = Pattern.compile("data-tid=\"(\\d+)\"");

    @Test
    void pageInChromiumShowsWorkersOnTheCpusProcShowsEndpointsAndAPlotDrawnByItsScript() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install chromium (.ci/run installs it)");
        try (MetricsIT.Running c = MetricsIT.Running.start("console-page", "opt/console", List.of(), "")) {
            awaitSettled(c, "admin", "admin");
            c.exchange(List.of(countRequest("c-1"), countRequest("c-2"), countRequest("c-3")));
            String url = "http://admin:admin@127.0.0.1:" + c.port + "/system/console/v2e";
            String dom = chromium(c, "--virtual-time-budget=5000", "--dump-dom", url);

            Matcher rows = WORKER_ROW.matcher(dom);
            Map<Integer, Integer> pinned = new HashMap<>();
            while (rows.find()) {
                pinned.put(Integer.parseInt(rows.group(1)), Integer.parseInt(rows.group(2)));
            }
            assertFalse(pinned.isEmpty(), dom);
            Map<Integer, Integer> onMap = cpuMap(dom);
            for (Map.Entry<Integer, Integer> w : pinned.entrySet()) {
                int tid = w.getKey();
                assertEquals(Integer.toString(w.getValue()), ThreadKernelState.of(c.process.pid(), tid).cpus(),
                        "worker " + tid + " pinned as the page says");
                assertEquals(lastCpu(c.process.pid(), tid), onMap.get(tid), "worker " + tid + " on the CPU map where /proc says: " + dom);
            }
            assertTrue(onMap.size() > pinned.size(), "the transport's I/O loops are on the map too: " + dom);
            for (String endpoint : List.of("broker", "ssg", "transport")) {
                assertTrue(Pattern.compile("<tr class=\"v2e-endpoint[^\"]*\" data-name=\"" + endpoint + "\"").matcher(dom).find(), endpoint + " in " + dom);
            }
            Matcher plot = Pattern.compile("<svg id=\"v2e-plot\"[^>]*data-samples=\"(\\d+)\"").matcher(dom);
            assertTrue(plot.find(), dom);
            assertTrue(Integer.parseInt(plot.group(1)) >= 2, "the script drew several samples: " + plot.group());
            assertTrue(Pattern.compile("<polyline class=\"v2e-series\" data-series=\"handler_p99\" points=\"[0-9.]+,[0-9.]+ ")
                    .matcher(dom).find(), dom);
            assertFalse(dom.contains("data-error="), dom);

            Path png = Path.of("target/console.png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium(c, "--virtual-time-budget=5000", "--window-size=1280,900", "--screenshot=" + png, url);
            byte[] image = Files.readAllBytes(png);
            assertTrue(image.length > 10_000 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G', png + ": " + image.length + " bytes");
        }
    }

    @Test
    void dataJsonWorkersAreWhatRpcGetWorkersAnswersAndNeedTheConsoleCredentials() throws Exception {
        try (MetricsIT.Running c = MetricsIT.Running.start("console-json", "opt/console", List.of(), "")) {
            // Both read again until they name the same provider: under JDK 25 the ffm provider can tune the
            // workers before jnr (the host's choice) registers, and a snapshot can fall between the two.
            JsonNode[] data = {null};
            String[] answer = {null};
            await("data.json and RPCGetWorkers name the same provider").atMost(V2e.PATIENCE).until(() -> {
                data[0] = awaitSettled(c, "admin", "admin");
                answer[0] = c.exchange(List.of("{\"type\":\"request\",\"id\":\"RPCGetWorkers\",\"target\":\"broker\","
                        + "\"payload\":{},\"correlation_id\":\"w-1\"}")).get(0);
                return JSON.readTree(answer[0]).path("payload").path("provider")
                        .equals(data[0].path("workers").path("provider"));
            });
            JsonNode rpc = JSON.readTree(answer[0]).path("payload");
            assertEquals(rpc.path("config"), data[0].path("workers").path("config"));
            assertEquals(withoutCounters(rpc.path("workers")), withoutCounters(data[0].path("workers").path("workers")),
                    answer[0]);
            assertEquals(401, get(c, "/system/console/v2e/data.json", null).statusCode());
            assertEquals(401, get(c, "/system/console/v2e/data.json", "admin:wrong").statusCode());
        }
    }

    @Test
    void credentialsComeFromTheConsolePidInEtc() throws Exception {
        try (MetricsIT.Running c = MetricsIT.Running.start("console-credentials", "opt/console", List.of(), "")) {
            Files.writeString(c.v2e.home().resolve("etc/org.apache.felix.webconsole.internal.servlet.OsgiManager.cfg"),
                    "username = ops\npassword = s3cret\n", StandardOpenOption.TRUNCATE_EXISTING);
            awaitSettled(c, "ops", "s3cret");
            assertEquals(401, get(c, "/system/console/v2e", "admin:admin").statusCode());
            HttpResponse<String> page = get(c, "/system/console/v2e", "ops:s3cret");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<table id=\"v2e-workers\""), page.body());
        }
    }

    /** Polls data.json until the page answers with every worker tuned; returns that answer. */
    private static JsonNode awaitSettled(MetricsIT.Running c, String user, String password) {
        JsonNode[] last = {null};
        await("console data.json on port " + c.port).atMost(V2e.PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertTrue(c.process.isAlive(), () -> "container exited: " + V2e.readOrEmpty(c.v2e.home().resolve("stderr.txt")));
            HttpResponse<String> r;
            try {
                r = get(c, "/system/console/v2e/data.json", user + ":" + password);
            } catch (IOException e) {
                return false;
            }
            if (r.statusCode() != 200) {
                return false;
            }
            assertEquals("application/json;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
            last[0] = JSON.readTree(r.body());
            JsonNode workers = last[0].path("workers").path("workers");
            boolean tuned = workers.size() > 0;
            for (JsonNode w : workers) {
                tuned &= w.path("tuning_current").asBoolean() && w.has("cpu");
            }
            return tuned && last[0].path("transport").isObject() && last[0].path("ready").asBoolean();
        });
        return last[0];
    }

    private static HttpResponse<String> get(MetricsIT.Running c, String path, String credentials)
            throws IOException, InterruptedException {
        return LoopbackHttp.get("http://127.0.0.1:" + c.port + path, credentials);
    }

    /** Runs headless Chromium with {@code args}; its standard output (the DOM with --dump-dom). */
    private static String chromium(MetricsIT.Running c, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + c.v2e.home().resolve("chromium")));
        cmd.addAll(List.of(args));
        Path err = c.v2e.home().resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + V2e.readOrEmpty(err));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + V2e.readOrEmpty(err));
        return out;
    }

    /** Thread id to the CPU row the page's CPU map lists it in. */
    private static Map<Integer, Integer> cpuMap(String dom) {
        Map<Integer, Integer> map = new HashMap<>();
        Matcher row = MAP_ROW.matcher(dom);
        while (row.find()) {
            Matcher t = MAP_THREAD.matcher(row.group(2));
            while (t.find()) {
                map.put(Integer.parseInt(t.group(1)), Integer.parseInt(row.group(1)));
            }
        }
        return map;
    }

    /** Field 39 (processor) of /proc/PID/task/TID/stat. */
    private static int lastCpu(long pid, int tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[36]);
    }

    private static String countRequest(String id) {
        return "{\"type\":\"request\",\"id\":\"RPCGetMessageCount\",\"target\":\"broker\",\"payload\":{},\"correlation_id\":\"" + id + "\"}";
    }

    /** The workers without what moves between two reads (messages handled). */
    private static JsonNode withoutCounters(JsonNode workers) {
        JsonNode copy = workers.deepCopy();
        for (JsonNode w : copy) {
            ((ObjectNode) w).remove("handled");
        }
        return copy;
    }
}
