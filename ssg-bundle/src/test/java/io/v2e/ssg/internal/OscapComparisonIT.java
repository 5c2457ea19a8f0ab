package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.OvalVariables;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Tailoring;
import io.v2e.ssg.api.Value;

/**
 * OpenSCAP is the reference: for every installed SCAP file (plus the vendored sample) our model,
 * rendered as {@code oscap info} renders it, must equal oscap's output line for line (document
 * type, stream id and version, checklists with status/date/resolved, profile titles and ids,
 * referenced check files, check and dictionary refs, OVAL version); and for every profile of every
 * data stream our resolved rule list must equal the rules {@code oscap xccdf generate fix
 * --profile} walks (it emits one "BEGIN fix (i / N) for 'rule'" per selected rule, fix or not).
 */
class OscapComparisonIT {

    private static final Pattern FIX_HEADER = Pattern.compile("^# BEGIN fix \\((\\d+) / (\\d+)\\) for '([^']+)'$",
            Pattern.MULTILINE);

    private static List<Path> corpus() throws Exception {
        Assumptions.assumeTrue(InstalledContent.oscapAvailable(), "oscap (openscap-scanner) is not installed");
        List<Path> files = new ArrayList<>(InstalledContent.files());
        files.add(Fixtures.sample()); // always present, so the comparison runs even without the packages
        return files;
    }

    @TestFactory
    Stream<DynamicTest> infoMatchesOscapInfoForEveryFile() throws Exception {
        List<Path> files = new ArrayList<>(corpus());
        for (String fixture : List.of("datastream.xml", "xccdf12-benchmark.xml", "xccdf11-benchmark.xml", "oval.xml",
                "ocil.xml", "cpe-dictionary.xml", "xccdf12-windows-1250.xml", "xccdf12-iso-8859-2.xml", "xccdf12-iso-8859-1.xml", "tailoring-firefox.xml", "tailoring-minimal.xml", "datastream-tailoring.xml", "tailoring-debian11.xml",
                "tailoring-xccdf11.xml", "results-bench.xml", "results-checks.xml", "results-xccdf.xml", "results-arf.xml",
                "oval-results.xml", "oval-syschar.xml", "oval-variables.xml", "oval-directives.xml",
                "cpe-language.xml", "oval-undeclared-prefix.xml")) {
            files.add(Fixtures.path("/fixtures/" + fixture));
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ParseResult result = Fixtures.parser().parse(file);
            String ours = OscapStyleInfo.render(result.document(), Files.getLastModifiedTime(file));
            if (result.document() instanceof OvalVariables) {
                assertOvalVariablesInfo(file, ours);
            } else {
                assertEquals(InstalledContent.run(List.of("oscap", "info", file.toString())), ours);
            }
        }));
    }

    /**
     * For OVAL variables oscap 1.3.7 prints its own OVAL version (5.11.1) and the current time as
     * "Generated", not the file's generator; we print the file's. Every other line must be equal,
     * and oscap's two lines what it always prints.
     */
    private static void assertOvalVariablesInfo(Path file, String ours) throws Exception {
        java.time.LocalDateTime before = java.time.LocalDateTime.now().withNano(0);
        List<String> oscap = InstalledContent.run(List.of("oscap", "info", file.toString())).lines().toList();
        java.time.LocalDateTime after = java.time.LocalDateTime.now();
        List<String> mine = ours.lines().toList();
        assertEquals(mine.size(), oscap.size(), String.join("\n", oscap));
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).startsWith("OVAL version: ")) {
                assertEquals("OVAL version: 5.11.1", oscap.get(i));
            } else if (mine.get(i).startsWith("Generated: ")) {
                java.time.LocalDateTime generated = java.time.LocalDateTime.parse(oscap.get(i).substring("Generated: ".length()));
                assertTrue(!generated.isBefore(before) && !generated.isAfter(after), oscap.get(i) + " is not the time of the run");
            } else {
                assertEquals(mine.get(i), oscap.get(i));
            }
        }
    }

    /**
     * {@code oscap info} opens .xml.bz2 directly; so do we. Each installed data stream (or the
     * sample without the packages) is copied with its mtime (oscap prints it as "Imported") and
     * compressed with the system's {@code bzip2 -k}.
     */
    @TestFactory
    Stream<DynamicTest> infoOfABzip2DataStreamMatchesOscapInfo(@TempDir Path dir) throws Exception {
        List<Path> dataStreams = corpus().stream().filter(p -> p.getFileName().toString().contains("-ds")).toList();
        return dataStreams.stream().map(plain -> DynamicTest.dynamicTest(plain.getFileName() + ".bz2", () -> {
            Path copy = Files.copy(plain, dir.resolve(plain.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dir.resolve(plain.getFileName() + ".bz2"));
            InstalledContent.run(List.of("bzip2", "-k", copy.toString()));
            Path file = dir.resolve(plain.getFileName() + ".bz2");
            ParseResult result = Fixtures.parser().parse(file);
            String ours = OscapStyleInfo.render(result.document(), Files.getLastModifiedTime(file));
            assertEquals(InstalledContent.run(List.of("oscap", "info", file.toString())), ours);
        }));
    }


    /**
     * The fixtures exercise what real SSG content does not: extends chains, unselected groups,
     * groups re-selected, rules off by default, XCCDF 1.1. Abstract profiles are skipped (oscap
     * does not find them; we refuse them too). The fixture's one fix prints the resolved value.
     */
    @TestFactory
    Stream<DynamicTest> fixtureProfilesSelectTheRulesOscapSelects() throws Exception {
        Assumptions.assumeTrue(InstalledContent.oscapAvailable(), "oscap (openscap-scanner) is not installed");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("xccdf12-benchmark.xml", "xccdf11-benchmark.xml")) {
            Path file = Fixtures.path("/fixtures/" + name);
            Benchmark b = (Benchmark) Fixtures.parser().parse(file).document();
            List<String> profiles = new ArrayList<>();
            profiles.add("");
            b.profiles().stream().filter(p -> !p.abstractProfile()).forEach(p -> profiles.add(p.id()));
            for (String profile : profiles) {
                tests.add(DynamicTest.dynamicTest(name + " " + (profile.isEmpty() ? "(no profile)" : profile),
                        () -> assertEquals(oscapSelectedRules(file, profile),
                                Fixtures.parser().resolveProfile(b, profile).selectedRuleIds())));
            }
        }
        return tests.stream();
    }

    /** A shell fix's {@code NAME='VALUE'} line: SSG's fixes assign each substituted XCCDF value so. */
    private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("^(\\w+)='([^'\\n]*)'$", Pattern.MULTILINE);
    /** The HTML guide's severity cell followed by the rule id cell (oscap 1.3.7's guide template). */
    private static final Pattern GUIDE_SEVERITY = Pattern.compile("<div class=\"severity\">([^<]*)</div></td></tr><tr><td>"
            + "<span class=\"label label-primary\">Rule ID:</span></td><td>([^<]+)</td>");
    private static final Pattern INVALID_SELECTOR = Pattern.compile("Invalid selector '[^']*' for xccdf:value/@id='([^']+)'");

    /**
     * Tailoring applied: for every profile of a tailoring fixture (debian11: against the installed
     * ssg-debian11-ds.xml; XCCDF 1.1: against the fixture benchmark), the rules
     * {@code oscap xccdf generate fix --tailoring-file T --profile P} walks must be the rules we
     * resolve, each value its shell fixes assign ({@code var_sshd_max_sessions='7'}) must be the
     * value we resolve, a value oscap reports as "Invalid selector" must be unresolved in ours, and
     * each selected rule's severity (refine-rule applied) must be the one {@code oscap xccdf
     * generate guide} shows for it (for profiles that do not replace a benchmark profile: there
     * oscap's guide alone takes the benchmark's; its eval and generate fix take the tailoring's).
     */
    @TestFactory
    Stream<DynamicTest> tailoredProfilesSelectTheRulesAndValuesOscapSelects() throws Exception {
        Assumptions.assumeTrue(InstalledContent.oscapAvailable(), "oscap (openscap-scanner) is not installed");
        List<Path[]> pairs = new ArrayList<>();
        pairs.add(new Path[] {Fixtures.path("/fixtures/xccdf11-benchmark.xml"), Fixtures.path("/fixtures/tailoring-xccdf11.xml")});
        Path debian11 = InstalledContent.DIR.resolve("ssg-debian11-ds.xml");
        if (Files.isRegularFile(debian11)) {
            pairs.add(new Path[] {debian11, Fixtures.path("/fixtures/tailoring-debian11.xml")});
        } else {
            System.err.println(debian11 + " is NOT installed (apt-get install ssg-debian): tailoring-debian11.xml is not compared");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path[] pair : pairs) {
            Path file = pair[0];
            Path tailoringFile = pair[1];
            Tailoring tailoring = (Tailoring) Fixtures.parser().parse(tailoringFile).document();
            Benchmark b = ProfileTarget.benchmarks(Fixtures.parser().parse(file).document()).get(0);
            for (Profile p : tailoring.profiles()) {
                tests.add(DynamicTest.dynamicTest(tailoringFile.getFileName() + " " + p.id(), () -> {
                    InstalledContent.Output oscap = InstalledContent.runCapturing(List.of("oscap", "xccdf", "generate",
                            "fix", "--skip-valid", "--tailoring-file", tailoringFile.toString(), "--profile", p.id(),
                            file.toString()));
                    ResolvedProfile ours = Fixtures.parser().resolveProfile(b, tailoring, p.id());
                    assertEquals(rulesOf(oscap.stdout()), ours.selectedRuleIds());
                    Map<String, String> oscapValues = assignedValues(b, oscap.stdout());
                    Map<String, String> ourValues = new TreeMap<>();
                    oscapValues.keySet().forEach(id -> ourValues.put(id, ours.values().get(id)));
                    assertEquals(oscapValues, ourValues);
                    // refine-rule: the guide oscap generates for the tailored profile shows each rule's severity.
                    // oscap 1.3.7's guide (unlike its eval and generate fix) takes the benchmark's profile
                    // when a tailoring profile has the same id, so those profiles are not compared here.
                    if (b.profile(p.id()).isEmpty()) {
                        String guide = InstalledContent.run(List.of("oscap", "xccdf", "generate", "guide", "--skip-valid",
                                "--tailoring-file", tailoringFile.toString(), "--profile", p.id(), file.toString()));
                        Map<String, String> oscapSeverity = new TreeMap<>();
                        Matcher sev = GUIDE_SEVERITY.matcher(guide);
                        while (sev.find()) {
                            oscapSeverity.put(sev.group(2), sev.group(1));
                        }
                        Map<String, String> ourSeverity = new TreeMap<>();
                        ours.selectedRules().forEach(r -> ourSeverity.put(r.id(), r.severity()));
                        assertEquals(oscapSeverity, ourSeverity);
                    }
                    Matcher invalid = INVALID_SELECTOR.matcher(oscap.stderr());
                    while (invalid.find()) {
                        assertFalse(ours.values().containsKey(invalid.group(1)), invalid.group(1) + " should be unresolved");
                    }
                    System.out.printf("%s %s: oscap %d rules %s, ours %d%n", tailoringFile.getFileName(), p.id(),
                            rulesOf(oscap.stdout()).size(), oscapValues, ours.selectedRules().size());
                }));
            }
        }
        return tests.stream();
    }

    /** The value ids (by SSG's naming, {@code ..._value_NAME}) of the shell assignments, with the assigned text. */
    private static Map<String, String> assignedValues(Benchmark b, String fixScript) {
        Map<String, String> byName = new TreeMap<>();
        Matcher m = SHELL_ASSIGNMENT.matcher(fixScript);
        while (m.find()) {
            String name = m.group(1);
            b.allValues().stream().map(Value::id).filter(id -> id.equals(name) || id.endsWith("_value_" + name))
                    .findFirst().ifPresent(id -> byName.put(id, m.group(2)));
        }
        return byName;
    }

    private static List<String> rulesOf(String fixScript) {
        List<String> rules = new ArrayList<>();
        Matcher m = FIX_HEADER.matcher(fixScript);
        while (m.find()) {
            rules.add(m.group(3));
        }
        return rules;
    }

    private static List<String> oscapSelectedRules(Path file, String profile) throws Exception {
        // --skip-valid: oscap 1.3.7 rejects ssg-eks-ds-1.2.xml against the SCAP 1.2 schemas
        // (yamlfilecontent is OVAL 5.11.2); validation has no part in rule selection
        List<String> command = new ArrayList<>(List.of("oscap", "xccdf", "generate", "fix", "--skip-valid"));
        if (!profile.isEmpty()) {
            command.add("--profile");
            command.add(profile);
        }
        command.add(file.toString());
        return rulesOf(InstalledContent.run(command));
    }

    @TestFactory
    Stream<DynamicTest> everyProfileSelectsTheRulesOscapSelects() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : corpus()) {
            ParseResult result = Fixtures.parser().parse(file);
            if (!(result.document() instanceof DataStreamCollection ds)) {
                continue;
            }
            for (DataStreamCollection.Component c : ds.components()) {
                if (!(c.content() instanceof Benchmark b)) {
                    continue;
                }
                for (Profile p : b.profiles()) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + p.id(), () -> {
                        List<String> oscapRules = oscapSelectedRules(file, p.id());
                        List<String> ours = Fixtures.parser().resolveProfile(b, p.id()).selectedRuleIds();
                        System.out.printf("%s %s: oscap %d rules, ours %d%n", file.getFileName(), p.id(),
                                oscapRules.size(), ours.size());
                        assertEquals(oscapRules, ours);
                    }));
                }
            }
        }
        return tests.stream();
    }
}
