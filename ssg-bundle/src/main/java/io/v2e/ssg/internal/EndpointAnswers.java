package io.v2e.ssg.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Rule;

/**
 * The answers of the {@code ssg} broker endpoint, with snake_case member names like the broker's
 * own RPC payloads ({@code @JsonNaming} per record: the model records inside keep their names).
 */
final class EndpointAnswers {

    private EndpointAnswers() {
    }

    /** RPCSSGParse: what was parsed, how long it took, what it holds. */
    @JsonNaming(SnakeCaseStrategy.class)
    record ParseSummary(String filePath, String documentType, boolean cached, long bytes, double elapsedMs,
            Counts counts, List<BenchmarkSummary> benchmarks) {

        static ParseSummary of(ParseCache.Lookup found, List<Benchmark> benchmarks) {
            ParseStatistics s = found.result().statistics();
            return new ParseSummary(found.result().file().toString(), found.result().document().documentType(),
                    found.cached(), s.bytes(), s.elapsedNanos() / 1e6, Counts.of(s),
                    benchmarks.stream().map(BenchmarkSummary::of).toList());
        }
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record Counts(int rules, int groups, int values, int profiles, int ovalDefinitions, int ocilQuestionnaires,
            int cpeItems) {

        static Counts of(ParseStatistics s) {
            return new Counts(s.rules(), s.groups(), s.values(), s.profiles(), s.ovalDefinitions(),
                    s.ocilQuestionnaires(), s.cpeItems());
        }
    }

    record BenchmarkSummary(String id, List<Benchmark.Status> statuses, List<ProfileRef> profiles) {

        static BenchmarkSummary of(Benchmark b) {
            return new BenchmarkSummary(b.id(), b.statuses(),
                    b.profiles().stream().map(p -> new ProfileRef(p.id(), p.title())).toList());
        }
    }

    record ProfileRef(String id, String title) {
    }

    /** RPCSSGGetProfile: the resolved profile. {@code extends}: the profiles it extends, nearest first. */
    @JsonNaming(SnakeCaseStrategy.class)
    record ProfileAnswer(String profileId, String title, @JsonProperty("extends") List<String> extendsChain,
            boolean cached, int selectedRuleCount, List<SelectedRule> selectedRules, Map<String, String> values) {

        static ProfileAnswer of(ResolvedProfile r, boolean cached) {
            List<String> chain = r.extendsChain();
            return new ProfileAnswer(r.profileId(), r.title(), chain.subList(Math.min(1, chain.size()), chain.size()),
                    cached, r.selectedRules().size(), r.selectedRules().stream().map(SelectedRule::of).toList(),
                    r.values());
        }
    }

    /** A selected rule with the profile's refinements applied. */
    record SelectedRule(String id, String title, String severity, double weight, String role) {

        static SelectedRule of(Rule r) {
            return new SelectedRule(r.id(), r.title(), r.severity(), r.weight(), r.role());
        }
    }

    /** RPCSSGGetRule: the whole rule (the model record) and the benchmark holding it. */
    @JsonNaming(SnakeCaseStrategy.class)
    record RuleAnswer(String benchmarkId, boolean cached, Rule rule) {
    }

    /**
     * RPCSSGGetResults: every XCCDF TestResult (with each rule's result) and every OVAL results
     * document (each definition's result) the file holds, with the count per result value.
     */
    @JsonNaming(SnakeCaseStrategy.class)
    record ResultsAnswer(String filePath, String documentType, boolean cached, List<TestResultAnswer> testResults,
            List<OvalResultsAnswer> ovalResults) {

        static ResultsAnswer of(ParseCache.Lookup found) {
            io.v2e.ssg.api.ScapDocument doc = found.result().document();
            return new ResultsAnswer(found.result().file().toString(), doc.documentType(), found.cached(),
                    ScanResults.testResults(doc).stream().map(TestResultAnswer::of).toList(),
                    ScanResults.ovalResults(doc).stream().map(OvalResultsAnswer::of).toList());
        }
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record TestResultAnswer(String id, String benchmarkHref, String benchmarkId, String profileId, String startTime,
            String endTime, String target, List<String> platforms, Map<String, Integer> resultCounts,
            List<RuleResultAnswer> ruleResults, List<ScoreAnswer> scores) {

        static TestResultAnswer of(io.v2e.ssg.api.TestResult tr) {
            return new TestResultAnswer(tr.id(), tr.benchmarkHref(), tr.benchmarkId(), tr.profileId(), tr.startTime(),
                    tr.endTime(), tr.target(), tr.platforms(), tr.resultCounts(),
                    tr.ruleResults().stream().map(r -> new RuleResultAnswer(r.ruleId(), r.result(), r.severity(), r.role(),
                            r.time())).toList(),
                    tr.scores().stream().map(x -> new ScoreAnswer(x.system(), x.maximum(), x.value())).toList());
        }
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record RuleResultAnswer(String ruleId, String result, String severity, String role, String time) {
    }

    record ScoreAnswer(String system, String maximum, String value) {
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record OvalResultsAnswer(Map<String, Integer> resultCounts, List<DefinitionResultAnswer> definitionResults) {

        static OvalResultsAnswer of(io.v2e.ssg.api.OvalResults r) {
            return new OvalResultsAnswer(r.resultCounts(), r.definitionResults().stream()
                    .map(d -> new DefinitionResultAnswer(d.definitionId(), d.result(), d.version())).toList());
        }
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record DefinitionResultAnswer(String definitionId, String result, String version) {
    }
}
