package io.v2e.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.tuning.noop.internal.NoopTuningProvider;

class TuningReportTest {

    private static RankedProvider noop(long id) {
        return RankedProvider.of(Map.of("tuning.provider", "noop", "service.ranking", -1000, "service.id", id,
                "service.bundleid", 12L), new NoopTuningProvider());
    }

    @Test
    void textNamesTheResolvedProviderAndEveryCapabilityWithItsDetail() {
        String text = TuningReportText.render(TuningReport.take(List.of(noop(31)), id -> "io.v2e.tuning.noop 0.1"));
        assertTrue(text.startsWith("Tuning provider: noop (service.ranking -1000, service.id 31, bundle io.v2e.tuning.noop 0.1)"),
                text);
        assertTrue(text.contains("CPU_AFFINITY       unsupported not permitted the noop provider changes nothing"), text);
        assertTrue(text.contains("nice          UNSUPPORTED(the noop provider changes nothing)"), text);
    }

    @Test
    void jsonCarriesTheSameFactsAsText() throws Exception {
        TuningReport report = TuningReport.take(List.of(noop(31)), id -> "b");
        JsonNode json = new ObjectMapper().readTree(TuningReportJson.render(report));
        assertEquals("noop", json.get("provider").asText());
        assertEquals(report.allowedCpus().orElseThrow().toString(), json.get("allowedCpus").asText());
        JsonNode p = json.get("providers").get(0);
        assertEquals(-1000, p.get("serviceRanking").asInt());
        assertEquals(31, p.get("serviceId").asLong());
        assertEquals(false, p.get("capabilities").get("THREAD_NICE").get("supported").asBoolean());
        assertEquals("UNSUPPORTED", json.get("thread").get("nice").get("status").asText());
        assertEquals(report.proc().tid().map(String::valueOf).orElse("null"), json.get("proc").get("tid").asText());
    }

    @Test
    void withoutProvidersTheReportSaysSoInsteadOfFailing() throws Exception {
        TuningReport report = TuningReport.take(List.of(), id -> "?");
        assertTrue(TuningReportText.render(report).startsWith("Tuning provider: none registered"));
        JsonNode json = new ObjectMapper().readTree(TuningReportJson.render(report));
        assertTrue(json.get("provider").isNull());
        assertTrue(json.get("thread") == null);
    }

    @Test
    void theProviderTheSelectionsTargetMatchesIsTheResolvedOneAndTheReasonIsShown() throws Exception {
        RankedProvider high = RankedProvider.of(Map.of("tuning.provider", "other", "service.ranking", 5, "service.id", 7L),
                new NoopTuningProvider());
        var selection = ProviderSelection.of(new java.util.Hashtable<>(Map.of("provider.target", "(tuning.provider=noop)",
                "tuning.selection", "noop", "tuning.using", "noop", "tuning.reason", "selected noop")));
        TuningReport report = TuningReport.take(List.of(high, noop(31)), id -> "b", selection,
                p -> p.name().equals("noop"));
        assertEquals(31, report.resolved().orElseThrow().serviceId());
        String text = TuningReportText.render(report);
        assertTrue(text.startsWith("Tuning provider: noop (service.ranking -1000, service.id 31"), text);
        assertTrue(text.contains("Binding reason:  selected noop (consumers' provider.target (tuning.provider=noop))"), text);
        JsonNode json = new ObjectMapper().readTree(TuningReportJson.render(report));
        assertEquals("noop", json.get("provider").asText());
        assertEquals("selected noop", json.get("selection").get("reason").asText());
    }

    @Test
    void aFallbackIsStatedPlainly() {
        var selection = ProviderSelection.of(new java.util.Hashtable<>(Map.of("provider.target", "(tuning.provider=*)",
                "tuning.selection", "ffm", "tuning.using", "noop", "tuning.reason", "selected ffm: not available, using noop")));
        String text = TuningReportText.render(TuningReport.take(List.of(noop(31)), id -> "b", selection, p -> true));
        assertTrue(text.contains("Selection:       provider = ffm (etc/io.v2e.tuning.cfg)"), text);
        assertTrue(text.contains("selected ffm: not available, using noop"), text);
    }
}
