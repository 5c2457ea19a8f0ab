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
}
