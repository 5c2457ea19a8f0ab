package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SsgShellTest {

    private static final String STIG = "xccdf_org.ssgproject.content_profile_stig";

    private final SsgShell shell = new SsgShell(Fixtures.parser(), Fixtures::sample);

    @Test
    void infoWithoutFileDescribesTheVendoredSampleLikeOscapPlusCounts() throws Exception {
        String out = shell.info(List.of());
        assertTrue(out.startsWith("Document type: Source Data Stream\nImported: "), out);
        assertTrue(out.contains("\nStream: scap_org.open-scap_datastream_from_xccdf_ssg-chromium-xccdf.xml\nGenerated: (null)\n"
                + "Version: 1.3\nChecklists:\n\tRef-Id: scap_org.open-scap_cref_ssg-chromium-xccdf.xml\n\t\tStatus: draft\n"
                + "\t\tGenerated: 2022-12-21\n\t\tResolved: true\n\t\tProfiles:\n\t\t\tTitle: Upstream STIG for Google Chromium\n"
                + "\t\t\t\tId: " + STIG + "\n"), out);
        assertTrue(out.contains("\nCounts:\n\tRules: 37\n\tGroups: 1\n\tValues: 7\n\tProfiles: 1\n\tOVAL definitions: 41\n"
                + "\tOCIL questionnaires: 37\n\tCPE items: 1\n"), out);
        assertTrue(out.contains("tuning provider noop\n\tmadvise SEQUENTIAL x1: UNSUPPORTED(the noop provider changes nothing)\n"),
                out);
    }

    @Test
    void infoJsonCarriesTheSameFacts() throws Exception {
        JsonNode json = new ObjectMapper().readTree(shell.info(List.of(Fixtures.sample().toString(), "--json")));
        assertEquals("Source Data Stream", json.get("documentType").asText());
        JsonNode stream = json.get("streams").get(0);
        assertEquals("1.3", stream.get("version").asText());
        JsonNode checklist = stream.get("checklists").get(0);
        assertEquals("draft", checklist.get("status").asText());
        assertTrue(checklist.get("resolved").asBoolean());
        assertEquals(STIG, checklist.get("profiles").get(0).get("id").asText());
        assertEquals("ssg-chromium-oval.xml", checklist.get("referencedCheckFiles").get(0).get("href").asText());
        assertEquals(3, stream.get("checks").size());
        assertEquals(37, json.get("counts").get("rules").asInt());
        assertEquals(Files.size(Fixtures.sample()), json.get("parse").get("bytes").asLong());
        assertEquals("UNSUPPORTED", json.get("parse").get("advice").get(0).get("outcome").asText());
    }

    @Test
    void infoProfileListsTheSelectedRules() throws Exception {
        String out = shell.info(List.of("--profile", STIG));
        assertTrue(out.startsWith("Profile: " + STIG + "\nTitle: Upstream STIG for Google Chromium\nSelected rules: 37\n"
                + "\tunknown  xccdf_org.ssgproject.content_rule_chromium_blacklist_extension_installation\n"
                + "\t\tDisable All Extensions by Default\n"), out);
        JsonNode json = new ObjectMapper().readTree(shell.info(List.of(Fixtures.sample().toString(), "--profile", STIG,
                "--json")));
        assertEquals(37, json.get("selectedRuleCount").asInt());
        assertEquals(37, json.get("selectedRules").size());
        assertEquals(7, json.get("values").size());
    }

    @Test
    void infoTailoringResolvesTheTailoredProfile() throws Exception {
        String out = shell.info(List.of(Fixtures.path("/fixtures/xccdf11-benchmark.xml").toString(), "--tailoring",
                Fixtures.path("/fixtures/tailoring-xccdf11.xml").toString(), "--profile", "common_tailored"));
        assertEquals(List.of("Profile: common_tailored", "Title: Common, with rule A off", "Extends: common",
                "Selected rules: 1", "\tunknown  rule-b", "\t\tRule B", "Values: 1", "\tvalue-a = 12"), out.lines().toList());
    }

    @Test
    void infoTailoringNeedsAProfileAndATailoringDocument() throws Exception {
        String benchmark = Fixtures.path("/fixtures/xccdf11-benchmark.xml").toString();
        assertEquals("--tailoring needs --profile ID (a profile of the tailoring or the benchmark)\n" + SsgShell.INFO_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.info(List.of(benchmark, "--tailoring",
                        Fixtures.path("/fixtures/tailoring-xccdf11.xml").toString()))).getMessage());
        assertEquals("--tailoring needs a tailoring file\n" + SsgShell.INFO_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.info(List.of(benchmark, "--tailoring")))
                        .getMessage());
        assertEquals(Fixtures.path("/fixtures/oval.xml") + " is not a tailoring document: it is OVAL Definitions",
                assertThrows(IllegalArgumentException.class, () -> shell.info(List.of(benchmark, "--tailoring",
                        Fixtures.path("/fixtures/oval.xml").toString(), "--profile", "common"))).getMessage());
    }

    @Test
    void badArgumentsAndUnknownProfileAreExplained() {
        assertEquals("--profile needs a profile id\n" + SsgShell.INFO_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.info(List.of("--profile"))).getMessage());
        assertEquals("unknown option --xml\n" + SsgShell.INFO_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.info(List.of("--xml"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> shell.info(List.of("--profile", "nope")))
                .getMessage().startsWith("no profile nope in "));
    }

    @Test
    void commandComponentThrowsErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        SsgCommandsComponent commands = new SsgCommandsComponent(Fixtures.parser());
        assertEquals(dir.resolve("missing.xml") + ": no such file", assertThrows(io.v2e.ssg.api.SsgParseException.class,
                () -> commands.info(dir.resolve("missing.xml").toString())).getMessage());
        assertEquals(dir + "/x is not a directory", assertThrows(IllegalArgumentException.class,
                () -> commands._import(dir + "/x")).getMessage());
        assertTrue(commands.info().contains("\nCounts:\n\tRules: 37\n"));
    }

    @Test
    void importParsesEveryXmlFileAndSummarises(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.sample(), dir.resolve("a-chromium-ds.xml"));
        Files.copy(Fixtures.path("/fixtures/oval.xml"), dir.resolve("b-oval.xml"));
        Files.writeString(dir.resolve("c-broken.xml"), "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">");
        Files.writeString(dir.resolve("notes.txt"), "not xml, not looked at");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String table = shell.importDirectory(dir, new PrintStream(progress, true, StandardCharsets.UTF_8), true, 1);
        List<String> lines = table.lines().toList();
        assertEquals(7, lines.size(), table);
        assertTrue(lines.get(1).startsWith("a-chromium-ds.xml"), table);
        assertTrue(lines.get(1).matches("a-chromium-ds\\.xml +0\\.230 +[0-9.]+ +37  -"), table);
        assertTrue(lines.get(2).matches("b-oval\\.xml +0\\.00[0-9] +[0-9.]+ +0  -"), table);
        assertTrue(lines.get(3).startsWith("c-broken.xml"), table);
        assertTrue(lines.get(3).contains("MALFORMED: " + dir.resolve("c-broken.xml") + ":1:"), table);
        assertTrue(lines.get(4).matches("TOTAL 3 file\\(s\\) +0\\.23[0-9] +[0-9.]+ +37  1 error\\(s\\)"), table);
        assertEquals(List.of("Workers: 1", "\tssg-import-0 -: not placed: no tuning provider"), lines.subList(5, 7));
        String bar = progress.toString(StandardCharsets.UTF_8);
        assertTrue(bar.matches("(?s).*\r\\[##########\\.{20}\\] 1/3 +[0-9.]+ MB/s ETA [0-9:]+ b-oval\\.xml.*"), bar);
        assertTrue(bar.matches("(?s).*\r\\[#{30}\\] 3/3 +[0-9.]+ MB/s ETA 0:00 done {36}\n"), bar);
        assertFalse(bar.contains("\n\r") || bar.indexOf('\n') != bar.length() - 1, "one line, ended once: " + bar);
    }

    /** A fake clock one second further at each reading: start, then after each file. */
    private static java.util.function.LongSupplier secondsClock() {
        long[] now = {0};
        return () -> {
            long t = now[0];
            now[0] += 1_000_000_000L;
            return t;
        };
    }

    @Test
    void importWithoutATerminalPrintsOnePlainProgressLinePerFile(@TempDir Path dir) throws Exception {
        // 500 000 + 250 000 bytes on disk; one second per file on the fake clock
        String oval = Files.readString(Fixtures.path("/fixtures/oval.xml"));
        Files.writeString(dir.resolve("a.xml"), oval + "<!--" + "x".repeat(500_000 - oval.length() - 8) + "-->\n");
        Files.writeString(dir.resolve("b.xml"), "<" + "y".repeat(249_999));
        assertEquals(500_000, Files.size(dir.resolve("a.xml")));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new SsgShell(Fixtures.parser(), Fixtures::sample, secondsClock())
                .importDirectory(dir, new PrintStream(progress, true, StandardCharsets.UTF_8), false, 1);
        // 0.5 MB in 1 s, 0.25 MB left: ETA 0:01; then 0.75 MB in 2 s (0.375 MB/s), nothing left
        assertEquals("1/2 a.xml: 0.500 MB, 0.5 MB/s, ETA 0:01\n2/2 b.xml: 0.250 MB, 0.4 MB/s, ETA 0:00\n",
                progress.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importOnATerminalRewritesOneLineWithRateAndEta(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.xml"), "<" + "y".repeat(999_999));
        Files.writeString(dir.resolve("b.xml"), "<" + "y".repeat(999_999));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new SsgShell(Fixtures.parser(), Fixtures::sample, secondsClock())
                .importDirectory(dir, new PrintStream(progress, true, StandardCharsets.UTF_8), true, 1);
        // clock: 0 start, 1 s before a (nothing done yet), 2 s before b (1 MB done), 3 s at the end (2 MB)
        assertEquals("\r[..............................] 0/2     0.0 MB/s ETA -:-- " + String.format("%-40s", "a.xml")
                + "\r[###############...............] 1/2     0.5 MB/s ETA 0:02 " + String.format("%-40s", "b.xml")
                + "\r[##############################] 2/2     0.7 MB/s ETA 0:00 " + String.format("%-40s", "done") + "\n",
                progress.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importParsesBzip2FilesToo(@TempDir Path dir) throws Exception {
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(dir.resolve("a-chromium-ds.xml.bz2")))) {
            Files.copy(Fixtures.sample(), out);
        }
        Files.writeString(dir.resolve("b.bz2"), "not named .xml.bz2, not looked at");
        String table = shell.importDirectory(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                false, 1);
        List<String> lines = table.lines().toList();
        assertEquals(5, lines.size(), table);
        assertTrue(lines.get(1).matches("a-chromium-ds\\.xml\\.bz2 +0\\.0[0-9]{2} +[0-9.]+ +37  -"), table);
    }

    @Test
    void importOnTwoWorkersPinnedThroughTheProviderReportsEveryFileInNameOrder(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.sample(), dir.resolve("a-chromium-ds.xml"));
        Files.copy(Fixtures.path("/fixtures/oval.xml"), dir.resolve("b-oval.xml"));
        Files.copy(Fixtures.path("/fixtures/ocil.xml"), dir.resolve("c-ocil.xml"));
        Files.writeString(dir.resolve("d-broken.xml"), "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">");
        RecordingTuningProvider provider = new RecordingTuningProvider();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String table = new SsgShell(Fixtures.parser(), Fixtures::sample, System::nanoTime, () -> provider)
                .importDirectory(dir, new PrintStream(progress, true, StandardCharsets.UTF_8), false, 2);
        List<String> lines = table.lines().toList();
        assertEquals(List.of("a-chromium-ds.xml", "b-oval.xml", "c-ocil.xml", "d-broken.xml"),
                lines.subList(1, 5).stream().map(l -> l.split(" +")[0]).toList(), table);
        assertTrue(lines.get(5).matches("TOTAL 4 file\\(s\\) +0\\.2[0-9]{2} +[0-9.]+ +37  1 error\\(s\\)"), table);
        int[] cpus = provider.allowedCpus().toArray();
        assertEquals(List.of("Workers: 2", "\tssg-import-0 cpu " + cpus[0] + ": APPLIED",
                "\tssg-import-1 cpu " + cpus[1 % cpus.length] + ": APPLIED"), lines.subList(6, 9), table);
        assertEquals(2, provider.pinsOn("ssg-import-").size(), "each worker pinned once: " + provider.pinsOn("ssg-import-"));
        assertEquals(4, progress.toString(StandardCharsets.UTF_8).lines().count(), "one progress line per file");
    }

    @Test
    void importThreadsOptionIsChecked(@TempDir Path dir) {
        assertEquals("--threads must be a whole number >= 1, was 0\n" + SsgShell.IMPORT_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.importCommand(List.of(dir.toString(), "--threads", "0"),
                        System.out, false)).getMessage());
        assertEquals("--threads must be a whole number >= 1, was two\n" + SsgShell.IMPORT_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.importCommand(List.of(dir.toString(), "--threads", "two"),
                        System.out, false)).getMessage());
        assertEquals("DIR is missing\n" + SsgShell.IMPORT_USAGE,
                assertThrows(IllegalArgumentException.class, () -> shell.importCommand(List.of(), System.out, false)).getMessage());
    }

    @Test
    void importWorkersTheKernelRefusesToPinAreReportedAndStillParseEveryFile(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.sample(), dir.resolve("a-chromium-ds.xml"));
        Files.copy(Fixtures.path("/fixtures/oval.xml"), dir.resolve("b-oval.xml"));
        RecordingTuningProvider provider = new RecordingTuningProvider();
        provider.pinOutcome = io.v2e.tuning.api.Outcome.denied("EPERM", "sched_setaffinity");
        String table = new SsgShell(Fixtures.parser(), Fixtures::sample, System::nanoTime, () -> provider)
                .importDirectory(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, 2);
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(3).matches("TOTAL 2 file\\(s\\) .* 37  0 error\\(s\\)"), table);
        assertEquals("Workers: 2", lines.get(4), table);
        assertTrue(lines.get(5).endsWith(": DENIED(EPERM: sched_setaffinity)") && lines.get(6).endsWith(": DENIED(EPERM: sched_setaffinity)"),
                table);
    }
}
