package io.v2e.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SSG parser in a copy of the assembled container with the SSG bundles added to bundle/,
 * through {@code bin/v2e ssg:*}: the bundle resolves
 * with Woodstox in Felix, the vendored sample is the default file, the real jnr provider applies
 * the madvise hints, and failures exit 1 with the error on stderr.
 */
class SsgDistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static V2e v2e;

    @BeforeAll
    static void distributionWithSsg() throws Exception {
        v2e = new V2e(ContainerBundles.distribution());
    }

    @Test
    void infoWithoutFileDescribesTheVendoredSampleWithTheAdviceOfTheBoundProvider() {
        V2e.Result r = v2e.run("ssg:info");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().startsWith("Document type: Source Data Stream\n"), r.toString());
        assertTrue(r.stdout().contains("\nStream: scap_org.open-scap_datastream_from_xccdf_ssg-chromium-xccdf.xml\n"), r.toString());
        assertTrue(r.stdout().contains("\n\tRules: 37\n"), r.toString());
        // The one-shot command runs once the container is whole, so the jnr provider gave the hints.
        String advice = r.stdout().substring(r.stdout().indexOf("tuning provider ")).strip();
        assertEquals("tuning provider jnr\n\tmadvise SEQUENTIAL x1: APPLIED\n\tmadvise WILLNEED x1: APPLIED\n"
                + "\tmadvise DONTNEED x1: APPLIED", advice, r.toString());
        System.out.println("one-shot bin/v2e ssg:info parsed with " + advice.lines().findFirst().orElse(""));
    }

    @Test
    void infoProfileJsonListsTheSelectedRules() throws Exception {
        V2e.Result r = v2e.run("ssg:info", "--profile", "xccdf_org.ssgproject.content_profile_stig", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode json = JSON.readTree(r.stdout());
        assertEquals(37, json.get("selectedRuleCount").asInt());
        assertEquals("Upstream STIG for Google Chromium", json.get("title").asText());
    }

    /** commons-compress (and the commons-io it loads) resolve in Felix: a .xml.bz2 is read as oscap reads it. */
    @Test
    void infoReadsABzip2DataStreamAndReportsMadviseNotApplicable(@TempDir Path dir) throws Exception {
        Path bz2 = dir.resolve("ssg-chromium-ds.xml.bz2");
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz2))) {
            Files.copy(Path.of("../ssg-bundle/src/main/resources/sample/ssg-chromium-ds.xml"), out);
        }
        V2e.Result r = v2e.run("ssg:info", bz2.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().startsWith("Document type: Source Data Stream\n"), r.toString());
        assertTrue(r.stdout().contains("\n\tRules: 37\n"), r.toString());
        assertTrue(r.stdout().endsWith("tuning provider jnr\n\tmadvise x0: UNSUPPORTED(not applicable: compressed input is "
                + "decompressed as a stream, nothing is mapped)\n"), r.toString());
    }

    @Test
    void aMissingFileExitsOneNamingIt() {
        V2e.Result r = v2e.run("ssg:info", "/nonexistent/ssg-ds.xml");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("v2e: ssg:info failed: /nonexistent/ssg-ds.xml: no such file\n", r.stderr(), r.toString());
    }

    @Test
    void importSummarisesAFolderWithOneBrokenFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.xml"), "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">");
        Files.writeString(dir.resolve("html.xml"), "<html/>");
        V2e.Result r = v2e.run("ssg:import", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("MALFORMED: " + dir.resolve("broken.xml") + ":1:"), r.toString());
        assertTrue(r.stdout().contains("UNSUPPORTED_ROOT: " + dir.resolve("html.xml") + ":1:1: unsupported document root {}html"),
                r.toString());
        assertTrue(r.stdout().contains("TOTAL 2 file(s)"), r.toString());
        assertTrue(r.stdout().contains("2 error(s)"), r.toString());
    }
}
