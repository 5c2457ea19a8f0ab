package io.v2e.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The container section in smoke mode: a copy of the assembled distribution with the bench bundle
 * runs {@code bin/v2e bench:broker} for each provider selection and reports numbers. Asserts that
 * the numbers exist and what the container says about itself (provider bound, C2 compiler, workers
 * tuned as the kernel reports them), never a timing.
 */
class ContainerSectionIT {

    private static Path out;
    private static JsonNode doc;

    @BeforeAll
    static void runSectionAndReport() throws Exception {
        out = Path.of(System.getProperty("v2e.bench.out", "target/container-it"));
        Path work = out.resolve("work");
        Files.createDirectories(work);
        Options o = Options.smoke(out, Path.of(System.getProperty("v2e.eventadmin.bundle")), work);
        LoadHarness.run("container", o, out.resolve("RESULTS.md"));
        LoadHarness.run("report", o, out.resolve("RESULTS.md"));
        doc = Results.JSON.readTree(out.resolve("container.json").toFile());
    }

    @Test
    void everyProviderSelectionRunsTheBrokerAndTheNoopCopyAlsoEventAdmin() {
        Map<String, Integer> runs = new HashMap<>();
        for (JsonNode row : doc.path("rows")) {
            assertTrue(row.path("delivered").asLong() > 0, row.toString());
            assertEquals(row.path("sent").asLong(), row.path("delivered").asLong(), "every bench event delivered: " + row);
            assertTrue(row.path("throughputPerSec").asDouble() > 0, row.toString());
            assertTrue(row.path("maxUs").asDouble() >= row.path("p50Us").asDouble(), row.toString());
            assertTrue(row.path("maxUs").asDouble() > 0, row.toString());
            runs.merge(row.path("variant").asText() + "|" + row.path("system").asText() + "|" + row.path("mode").asText(), 1,
                    Integer::sum);
        }
        assertEquals(Map.of("auto|broker-in-container(jnr)|fixed", 1, "auto|broker-in-container(jnr)|max", 1,
                "noop|broker-in-container(noop)|fixed", 1, "noop|broker-in-container(noop)|max", 1,
                "noop|eventadmin-post-timeout0-in-container|fixed", 1, "noop|eventadmin-post-timeout0-in-container|max", 1),
                runs, doc.path("notes").toString());
    }

    @Test
    void containerRunsWithC2WhateverBinV2eGivesOneShotCommands() {
        for (JsonNode row : doc.path("rows")) {
            assertTrue(row.path("extra").path("c2").asBoolean(), "JAVA_OPTS must override bin/v2e's C1-only default: " + row);
        }
    }

    @Test
    void benchCommandJsonCarriesTheWorkersAsTheKernelReportsThem() throws Exception {
        JsonNode noop = Results.JSON.readTree(out.resolve("container-noop.json").toFile());
        assertEquals("noop", noop.path("provider").asText());
        assertTrue(noop.path("workers").path("workers").size() >= 1, noop.path("workers").toString());
        int inherited = ownNice();
        for (JsonNode w : noop.path("workers").path("workers")) {
            assertEquals(inherited, w.path("proc").path("nice").asInt(), "noop leaves the inherited nice value alone: " + w);
        }
        JsonNode auto = Results.JSON.readTree(out.resolve("container-auto.json").toFile());
        for (JsonNode w : auto.path("workers").path("workers")) {
            if (w.path("outcomes").path("nice").asText().equals("APPLIED")) {
                assertEquals(0, w.path("proc").path("nice").asInt(), "jnr applied the broker's default nice 0: " + w);
            }
        }
        List<String> collectors = Results.JSON.convertValue(noop.path("jvm").path("collectors"), List.class);
        assertTrue(collectors.stream().anyMatch(c -> c.startsWith("G1")), collectors.toString());
    }

    /** This JVM's nice value (/proc/self/stat field 19), which the container child inherits. */
    private static int ownNice() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    void reportShowsTheContainerBesideThePlainJvmAndTheOtherProcessesCpu() throws Exception {
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("## 2f. Broker in the real container"), md);
        assertTrue(md.contains("container, provider=auto: broker-in-container(jnr)"), md);
        assertTrue(md.contains("other processes used"), md);
        assertTrue(Files.size(out.resolve("container-fixed.png")) > 1000);
        assertTrue(doc.has("othersCpu"), doc.toString());
    }
}
