package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.OvalDirectives;
import io.v2e.ssg.api.OvalResults;
import io.v2e.ssg.api.OvalSystemCharacteristics;
import io.v2e.ssg.api.OvalVariables;
import io.v2e.ssg.api.ResultDataStream;
import io.v2e.ssg.api.TestResult;

/**
 * Scan results produced by oscap 1.3.7 from results-bench.xml / results-checks.xml (the fixtures
 * say how): XCCDF results, ARF, OVAL results and system characteristics; plus OVAL variables and
 * directives written for the project. Every field the model keeps, and the per-value counts.
 */
class ResultsFixtureTest {

    private static final String TR_ID = "xccdf_org.open-scap_testresult_xccdf_io.v2e_profile_all";
    private static final String START = "2026-12-03T18:15:35+00:00";

    private static void assertTheOneTestResult(TestResult tr) {
        assertEquals(List.of(TR_ID, "bench.xml", "xccdf_io.v2e_benchmark_results", "xccdf_io.v2e_profile_all", START, START, "vm"),
                List.of(tr.id(), tr.benchmarkHref(), tr.benchmarkId(), tr.profileId(), tr.startTime(), tr.endTime(), tr.target()));
        assertEquals(List.of(), tr.platforms());
        assertEquals(List.of(new TestResult.RuleResult("xccdf_io.v2e_rule_passwd", "pass", "low", "full", START),
                new TestResult.RuleResult("xccdf_io.v2e_rule_missing", "fail", "high", "full", START),
                new TestResult.RuleResult("xccdf_io.v2e_rule_nocheck", "notchecked", "medium", "full", START),
                new TestResult.RuleResult("xccdf_io.v2e_rule_off", "pass", "medium", "full", START),
                new TestResult.RuleResult("xccdf_io.v2e_rule_unselected", "notselected", "medium", "full", START)),
                tr.ruleResults());
        assertEquals(List.of("pass", "fail", "notchecked", "notselected"), List.copyOf(tr.resultCounts().keySet()));
        assertEquals(Map.of("pass", 2, "fail", 1, "notchecked", 1, "notselected", 1), tr.resultCounts());
        assertEquals(List.of(new TestResult.Score("urn:xccdf:scoring:default", "100.000000", "66.666664")), tr.scores());
    }

    @Test
    void xccdfResultsBenchmarkKeepsItsTestResultWithEveryRuleResult() throws Exception {
        Benchmark b = Fixtures.parse("results-xccdf.xml", Benchmark.class);
        assertEquals(5, b.allRules().size());
        assertEquals(1, b.testResults().size());
        assertTheOneTestResult(b.testResults().get(0));
    }

    @Test
    void arfTiesTheTestResultReportToItsAssetAndRequest() throws Exception {
        ResultDataStream arf = Fixtures.parse("results-arf.xml", ResultDataStream.class);
        assertEquals("Result Data Stream", arf.documentType());
        assertEquals(List.of("asset0"), arf.assets());
        assertEquals(List.of("collection1"), arf.reportRequests());
        assertEquals(List.of("xccdf1", "oval0"), arf.reports().stream().map(ResultDataStream.Report::id).toList());
        assertEquals(List.of("xccdf1"), arf.reportsAbout("asset0").stream().map(ResultDataStream.Report::id).toList());
        assertEquals("collection1", arf.requestOf("xccdf1").orElseThrow());
        assertTheOneTestResult(arf.reports().get(0).testResult().orElseThrow());
        OvalResults oval = (OvalResults) arf.reports().get(1).content().orElseThrow();
        assertEquals(Map.of("true", 1, "false", 1), oval.resultCounts());
    }

    @Test
    void ovalResultsKeepEachDefinitionsResult() throws Exception {
        OvalResults r = Fixtures.parse("oval-results.xml", OvalResults.class);
        assertEquals(List.of("5.11.2", "2026-12-03T18:15:35"), List.of(r.schemaVersion(), r.timestamp()));
        assertEquals(List.of(new OvalResults.DefinitionResult("oval:io.v2e:def:2", "false", "1"),
                new OvalResults.DefinitionResult("oval:io.v2e:def:1", "true", "1")), r.definitionResults());
        assertEquals(List.of("true", "false"), List.copyOf(r.resultCounts().keySet()), "schema order, not document order");
    }

    @Test
    void systemCharacteristicsKeepHostObjectsAndItems() throws Exception {
        OvalSystemCharacteristics sc = Fixtures.parse("oval-syschar.xml", OvalSystemCharacteristics.class);
        assertEquals(List.of("5.11.2", "2026-12-03T18:15:38", "vm"), List.of(sc.schemaVersion(), sc.timestamp(), sc.hostName()));
        assertEquals(List.of(2, 1), List.of(sc.collectedObjects(), sc.items()));
    }

    @Test
    void ovalVariablesKeepEveryValue() throws Exception {
        OvalVariables v = Fixtures.parse("oval-variables.xml", OvalVariables.class);
        assertEquals(List.of(new OvalVariables.Variable("oval:io.v2e:var:1", "int", "timeout", List.of("600")),
                new OvalVariables.Variable("oval:io.v2e:var:2", "string", "two values", List.of("a", "b"))), v.variables());
        assertEquals("2026-12-03T12:00:00", v.timestamp());
    }

    @Test
    void ovalDirectivesKeepTheirGenerator() throws Exception {
        OvalDirectives d = Fixtures.parse("oval-directives.xml", OvalDirectives.class);
        assertEquals(List.of("OVAL Directives", "5.11.2", "2026-12-03T12:00:00"), List.of(d.documentType(), d.schemaVersion(), d.timestamp()));
    }

    @Test
    void infoPrintsTheCountPerResultValueAfterTheCounts() throws Exception {
        SsgShell shell = new SsgShell(Fixtures.parser(), Fixtures::sample);
        String arf = shell.info(List.of(Fixtures.path("/fixtures/results-arf.xml").toString()));
        assertTrue(arf.endsWith("Results:\n\t" + TR_ID + ": pass 2, fail 1, notchecked 1, notselected 1\n"
                + "\tOVAL definitions: true 1, false 1\n"), arf);
        assertTrue(arf.contains("Asset: asset0\n\tARF report: xccdf1\n\t\tReport request: collection1\n\t\tResult ID: " + TR_ID + "\n"), arf);
    }

    @Test
    void infoJsonCarriesTestResultsAndOvalCounts() throws Exception {
        SsgShell shell = new SsgShell(Fixtures.parser(), Fixtures::sample);
        JsonNode json = new ObjectMapper().readTree(shell.info(List.of(Fixtures.path("/fixtures/results-xccdf.xml").toString(), "--json")));
        JsonNode tr = json.get("testResults").get(0);
        assertEquals(TR_ID, tr.get("id").asText());
        assertEquals(2, tr.get("resultCounts").get("pass").asInt());
        assertEquals(1, tr.get("resultCounts").get("notselected").asInt());
        JsonNode oval = new ObjectMapper().readTree(shell.info(List.of(Fixtures.path("/fixtures/oval-results.xml").toString(), "--json")));
        assertEquals("5.11.2", oval.get("ovalVersion").asText());
        assertEquals(1, oval.get("ovalDefinitionResults").get(0).get("false").asInt());
    }
}
