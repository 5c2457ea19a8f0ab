package io.v2e.ssg.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OVAL definitions document.
 *
 * @param schemaVersion generator schema_version
 * @param timestamp     generator timestamp
 * @param definitions   definitions in document order
 * @param tests         tests by type ({@code family:localname}, e.g. {@code ind:textfilecontent54_test})
 * @param objects       objects by type
 * @param states        states by type
 * @param variables     variables by type (e.g. {@code local_variable})
 */
public record OvalDefinitions(String schemaVersion, String timestamp, List<Definition> definitions,
        Map<String, Integer> tests, Map<String, Integer> objects, Map<String, Integer> states,
        Map<String, Integer> variables) implements ScapDocument {

    public OvalDefinitions {
        definitions = List.copyOf(definitions);
        tests = sorted(tests);
        objects = sorted(objects);
        states = sorted(states);
        variables = sorted(variables);
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** Sum of the counts of a by-type map. */
    public static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String documentType() {
        return "OVAL Definitions";
    }

    /**
     * One {@code definition}.
     *
     * @param affectedFamily {@code affected family} (first affected element), empty when absent
     * @param platforms      {@code platform} texts of the affected elements
     */
    public record Definition(String id, String version, String definitionClass, String title, String description,
            String affectedFamily, List<String> platforms, List<Reference> references) {
        public Definition {
            platforms = List.copyOf(platforms);
            references = List.copyOf(references);
        }
    }

    /** A definition {@code reference}: source, ref_id and ref_url (empty when absent). */
    public record Reference(String source, String refId, String refUrl) {
    }
}
