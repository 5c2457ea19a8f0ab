package io.v2e.ssg.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OVAL results document ({@code oval_results}).
 *
 * @param schemaVersion     generator schema_version
 * @param timestamp         generator timestamp
 * @param definitionResults every {@code results/system/definitions/definition}, in document order
 * @since 1.2
 */
public record OvalResults(String schemaVersion, String timestamp, List<DefinitionResult> definitionResults)
        implements ScapDocument {

    /** The OVAL definition result values in the schema's order. */
    public static final List<String> RESULT_VALUES = List.of("true", "false", "unknown", "error", "not evaluated",
            "not applicable");

    public OvalResults {
        definitionResults = List.copyOf(definitionResults);
    }

    @Override
    public String documentType() {
        return "OVAL Results";
    }

    /** Definitions per result value ({@link #RESULT_VALUES} order first, others after; zero counts left out). */
    public Map<String, Integer> resultCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        RESULT_VALUES.forEach(v -> counts.put(v, 0));
        definitionResults.forEach(d -> counts.merge(d.result(), 1, Integer::sum));
        counts.values().removeIf(n -> n == 0);
        return Collections.unmodifiableMap(counts);
    }

    /** A definition's {@code definition_id}, {@code result} and {@code version}. */
    public record DefinitionResult(String definitionId, String result, String version) {
    }
}
