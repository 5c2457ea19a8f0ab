package io.v2e.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Smoke mode: every benchmark runs for a fraction of a second and reports numbers. It asserts
 * that the numbers exist (messages delivered, percentiles recorded, a report and plots written),
 * never how large they are: timing belongs to benchmarks/run.sh.
 */
class BenchmarkSmokeTest {

    private static Path out;
    private static Options options;

    @BeforeAll
    static void runHarness() throws Exception {
        out = Path.of(System.getProperty("v2e.bench.out", "target/smoke"));
        Path work = out.resolve("work");
        Files.createDirectories(work);
        options = Options.smoke(out, Path.of(System.getProperty("v2e.eventadmin.bundle")), work);
        for (String s : new String[] {"inprocess", "jitter", "large", "ssg", "ssgmem", "socket", "cluster", "report"}) {
            LoadHarness.run(s, options, out.resolve("RESULTS.md"));
        }
    }

    @Test
    void inProcessSectionMeasuresEverySystemInBothModes() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("inprocess.json").toFile());
        Set<String> seen = new HashSet<>();
        for (JsonNode row : doc.path("rows")) {
            assertReportsNumbers(row);
            seen.add(row.path("system").asText() + "/" + row.path("mode").asText());
        }
        for (String system : List.of("mpsc-floor", "broker-backoff(default)", "broker-spin-1worker",
                "eventadmin-post-timeout0", "eventadmin-send-timeout0", "eventadmin-post-default", "eventadmin-send-default")) {
            assertTrue(seen.contains(system + "/fixed"), system + " fixed-rate run missing: " + seen);
            assertTrue(seen.contains(system + "/max"), system + " max run missing: " + seen);
        }
    }

    @Test
    void jitterSectionRunsTunedAndUntunedPairsForEveryTreatment() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("jitter.json").toFile());
        List<Row> rows = new ArrayList<>();
        for (JsonNode row : doc.path("rows")) {
            assertReportsNumbers(row);
            rows.add(Results.JSON.treeToValue(row, Row.class));
        }
        var ratios = JitterSection.pairRatios(rows);
        assertEquals(Set.of(JitterSection.VARIANTS), ratios.keySet());
        ratios.values().forEach(r -> assertEquals(options.jitterPairs(), r.size()));
    }

    @Test
    void largePayloadSectionReportsAllocationFaultsAndRss() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("large.json").toFile());
        assertFalse(doc.path("rows").isEmpty());
        for (JsonNode row : doc.path("rows")) {
            assertReportsNumbers(row);
            assertEquals(row.path("sent").asLong(), row.path("delivered").asLong(), "every 1 MiB message delivered");
            JsonNode extra = row.path("extra");
            // The producer builds a distinct 1 MiB payload per message, so it allocates at least that.
            assertTrue(extra.path("producerAllocBytesPerMsg").asDouble() >= LargePayloadSection.PAYLOAD_BYTES, extra.toString());
            assertTrue(extra.path("vmHwmKb").asLong() > 0, extra.toString());
            assertTrue(extra.has("minorFaultsPerMsg") && extra.has("majorFaults") && extra.has("workerAllocBytesPerMsg"));
        }
    }

    @Test
    void ssgSectionMeasuresParserBareScanAndOscapOrSaysWhyNot() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("ssg.json").toFile());
        if (!Files.isDirectory(SsgSection.CORPUS)) {
            assertTrue(doc.path("notes").toString().contains("no SCAP corpus"), doc.toString());
            return;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode row : doc.path("rows")) {
            assertTrue(row.path("extra").path("MBPerSec").asDouble() > 0, row.toString());
            assertTrue(row.path("maxUs").asDouble() > 0, row.toString());
            seen.add(row.path("system").asText());
        }
        assertTrue(seen.containsAll(List.of("ssg-parser", "woodstox-bare-scan")), seen.toString());
    }

    @Test
    void ssgMemorySectionReportsFaultsRssPageCacheAndHeapPerAdviceVariant() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("ssgmem.json").toFile());
        if (!Files.isDirectory(SsgSection.CORPUS)) {
            assertTrue(doc.path("notes").toString().contains("no SCAP corpus"), doc.toString());
            return;
        }
        Set<String> variants = new HashSet<>();
        JsonNode heap = null;
        for (JsonNode row : doc.path("rows")) {
            JsonNode extra = row.path("extra");
            if (row.path("variant").asText().equals("heap")) {
                heap = extra;
                continue;
            }
            variants.add(row.path("system").asText());
            assertTrue(extra.path("elements").asLong() > 0, extra.toString());
            assertTrue(extra.path("vmHwmKb").asLong() > 0 && extra.path("wallMs").asDouble() > 0, extra.toString());
            assertTrue(extra.has("threadMinorFaults") && extra.has("threadMajorFaults"), extra.toString());
            // fincore ran and saw the file: warm runs read every file into the page cache first
            assertTrue(extra.path("pageCacheBytesBefore").asLong() > 0, extra.toString());
            boolean jnr = extra.path("provider").asText().equals("jnr");
            assertEquals(jnr, extra.path("advice").toString().contains("madvise DONTNEED=APPLIED"), extra.toString());
        }
        assertEquals(Set.of("advice-off", "advice-on", "advice-on+drop"), variants);
        assertTrue(heap != null && heap.path("retainedBytes").asLong() > 0 && heap.path("maxHeapBeforeGcBytes").asLong() > 0,
                String.valueOf(heap));
    }

    @Test
    void ssgJmhBenchmarkMeasuresParserAndBareScan() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(SsgParseBenchmark.class.getSimpleName())
                .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(30))
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT).build()).run();
        Set<String> seen = new HashSet<>();
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getSampleCount() > 0);
            assertTrue(r.getPrimaryResult().getScore() > 0);
            seen.add(r.getParams().getBenchmark().replaceAll(".*\\.", ""));
        }
        assertEquals(Set.of("ssgParser", "woodstoxBareScan"), seen);
    }

    @Test
    void socketSectionMeasuresEverySystemAtEveryClientCountAndOneMiBPayloads() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("socket.json").toFile());
        Set<String> seen = new HashSet<>();
        boolean large = false;
        for (JsonNode row : doc.path("rows")) {
            assertReportsNumbers(row);
            seen.add(row.path("system").asText() + "/" + row.path("variant").asText());
            if (row.path("variant").asText().equals(SocketSection.LARGE)) {
                large = true;
                assertEquals(row.path("sent").asLong(), row.path("delivered").asLong(), "every 1 MiB request answered");
                JsonNode extra = row.path("extra");
                // The container decodes each 1 MiB request at least once, so it allocates at least that much per message.
                assertTrue(extra.path("containerAllocBytesPerMsg").asDouble() >= SocketSection.PAYLOAD_BYTES, extra.toString());
                assertTrue(extra.path("containerVmHwmKb").asLong() > 0, extra.toString());
                assertTrue(extra.has("containerMinorFaultsPerMsg") && extra.has("containerMajorFaults"), extra.toString());
            }
        }
        assertTrue(large, "no 1 MiB row: " + seen);
        List<String> systems = new ArrayList<>(List.of(SocketSection.V2E, SocketSection.V2E_RAW, SocketSection.ECHO));
        if (SocketSection.executable("nats-server") != null) {
            systems.add(SocketSection.NATS);
        } else {
            assertTrue(doc.path("notes").toString().contains("nats-server is not installed"), doc.path("notes").toString());
        }
        for (String system : systems) {
            for (int n : SocketSection.CLIENTS) {
                assertTrue(seen.contains(system + "/" + n), system + " with " + n + " clients missing: " + seen);
            }
        }
        assertTrue(Files.size(out.resolve(SocketSection.CONTAINER_JFR)) > 0, "container JFR recording");
    }

    @Test
    void clusterSectionMeasuresTheBridgeAndTheJnatsFloorAtEveryClientCount() throws Exception {
        JsonNode doc = Results.JSON.readTree(out.resolve("cluster.json").toFile());
        if (SocketSection.executable("nats-server") == null) {
            assertTrue(doc.path("notes").toString().contains("nats-server is not installed"), doc.path("notes").toString());
            return;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode row : doc.path("rows")) {
            assertReportsNumbers(row);
            seen.add(row.path("system").asText() + "/" + row.path("variant").asText());
        }
        for (String system : List.of(ClusterSection.BRIDGE, ClusterSection.JNATS)) {
            for (int n : ClusterSection.CLIENTS) {
                assertTrue(seen.contains(system + "/" + n), system + " with " + n + " clients missing: " + seen);
            }
        }
    }

    @Test
    void reportHasEveryTableAndPlot() throws Exception {
        String md = Files.readString(out.resolve("RESULTS.md"));
        for (String heading : List.of("## Goals", "## Machine", "## 2a.", "## 2b.", "## 2c.", "## 2g.", "## 2h.", "## Not done")) {
            assertTrue(md.contains(heading), "RESULTS.md lacks " + heading);
        }
        for (String png : List.of("inprocess-fixed.png", "inprocess-max.png", "jitter-worker.png", "jitter-path.png",
                "jitter-isolated.png", "jitter-rt.png", "large.png",
                "socket-c1.png", "socket-c8.png", "socket-c64.png", "socket-1mib.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }

    @Test
    void jmhMeasuresEveryOperationOfEveryProvider() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(ProviderOpsBenchmark.class.getSimpleName())
                .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(30))
                .param("provider", "jnr", "jna", "noop").shouldFailOnError(true).verbosity(VerboseMode.SILENT).build()).run();
        Set<String> seen = new HashSet<>();
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getSampleCount() > 0);
            assertFalse(Double.isNaN(r.getPrimaryResult().getScore()));
            seen.add(r.getParams().getBenchmark().replaceAll(".*\\.", "") + "/" + r.getParams().getParam("provider"));
        }
        assertEquals(6 * 3, seen.size(), seen.toString());
    }

    private static void assertReportsNumbers(JsonNode row) {
        assertTrue(row.path("delivered").asLong() > 0, row.toString());
        assertTrue(row.path("throughputPerSec").asDouble() > 0, row.toString());
        assertTrue(row.path("maxUs").asDouble() >= row.path("p50Us").asDouble(), row.toString());
        assertTrue(row.path("maxUs").asDouble() > 0, row.toString());
    }
}
