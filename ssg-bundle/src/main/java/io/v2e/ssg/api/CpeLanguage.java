package io.v2e.ssg.api;

import java.util.List;

/**
 * A CPE 2.0 language document ({@code cpe-lang:platform-specification}): named platforms, each a
 * logical test over CPE names (and, in CPE 2.3 language, check references).
 *
 * @param platforms the platforms in document order
 * @since 1.2
 */
public record CpeLanguage(List<Platform> platforms) implements ScapDocument {

    public CpeLanguage {
        platforms = List.copyOf(platforms);
    }

    @Override
    public String documentType() {
        return "CPE Language";
    }

    /** A {@code platform}: {@code id}, first {@code title}, and its logical test (null without one). */
    public record Platform(String id, String title, LogicalTest test) {
    }

    /**
     * A {@code logical-test}: {@code operator} (AND/OR), {@code negate}, the CPE names of its
     * {@code fact-ref}s, its {@code check-fact-ref}s and nested tests, each in document order.
     */
    public record LogicalTest(String operator, boolean negate, List<String> factRefs, List<CheckFactRef> checkFactRefs,
            List<LogicalTest> tests) {
        public LogicalTest {
            factRefs = List.copyOf(factRefs);
            checkFactRefs = List.copyOf(checkFactRefs);
            tests = List.copyOf(tests);
        }
    }

    /** A CPE 2.3 {@code check-fact-ref}: {@code system}, {@code href}, {@code id-ref}. */
    public record CheckFactRef(String system, String href, String idRef) {
    }
}
