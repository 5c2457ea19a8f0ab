package io.v2e.ssg.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An XCCDF {@code TestResult}: one evaluation of a benchmark (inside a benchmark of an XCCDF
 * results document, or a report of an ARF result data stream). Absent attributes are empty.
 *
 * @param id            the TestResult's {@code id}
 * @param benchmarkHref {@code benchmark href} (what oscap calls the "Source benchmark")
 * @param benchmarkId   {@code benchmark id}
 * @param profileId     {@code profile idref}
 * @param startTime     {@code start-time}
 * @param endTime       {@code end-time}
 * @param target        {@code target} (the host name), first one
 * @param platforms     {@code platform idref}s (the platform CPEs)
 * @param ruleResults   the {@code rule-result}s in document order
 * @param scores        the {@code score}s in document order
 * @since 1.2
 */
public record TestResult(String id, String benchmarkHref, String benchmarkId, String profileId, String startTime,
        String endTime, String target, List<String> platforms, List<RuleResult> ruleResults, List<Score> scores) {

    /** The XCCDF 1.2 result values in the order oscap reports them. */
    public static final List<String> RESULT_VALUES = List.of("pass", "fail", "error", "unknown", "notapplicable",
            "notchecked", "notselected", "informational", "fixed");

    public TestResult {
        platforms = List.copyOf(platforms);
        ruleResults = List.copyOf(ruleResults);
        scores = List.copyOf(scores);
    }

    /** Rules per result value: the XCCDF values first (in {@link #RESULT_VALUES} order), others after; zero counts left out. */
    public Map<String, Integer> resultCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        RESULT_VALUES.forEach(v -> counts.put(v, 0));
        ruleResults.forEach(r -> counts.merge(r.result(), 1, Integer::sum));
        counts.values().removeIf(n -> n == 0);
        return Collections.unmodifiableMap(counts);
    }

    /** A {@code rule-result}: the rule, its {@code result}, and the attributes it was evaluated with. */
    public record RuleResult(String ruleId, String result, String severity, String role, String time) {
    }

    /** A {@code score}: its {@code system}, {@code maximum} and value as written. */
    public record Score(String system, String maximum, String value) {
    }
}
