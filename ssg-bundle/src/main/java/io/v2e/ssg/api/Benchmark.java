package io.v2e.ssg.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An XCCDF 1.1 or 1.2 benchmark.
 *
 * @param xccdfVersion {@code 1.1} or {@code 1.2} (from the namespace)
 * @param id           benchmark id
 * @param resolved     the {@code resolved} attribute (false when absent)
 * @param style        {@code style}, empty when absent
 * @param lang         {@code xml:lang}, empty when absent
 * @param statuses     status elements in document order
 * @param title        first title
 * @param description  first description
 * @param version      version element text
 * @param platforms    platform idrefs
 * @param references   references
 * @param profiles     profiles in document order
 * @param items        top-level groups, rules and values in document order
 * @param testResults  the {@code TestResult}s of an XCCDF results document, in document order (since 1.2)
 */
public record Benchmark(String xccdfVersion, String id, boolean resolved, String style, String lang,
        List<Status> statuses, String title, Text description, String version, List<String> platforms,
        List<Reference> references, List<Profile> profiles, List<XccdfItem> items, List<TestResult> testResults)
        implements ScapDocument {

    public Benchmark {
        statuses = List.copyOf(statuses);
        platforms = List.copyOf(platforms);
        references = List.copyOf(references);
        profiles = List.copyOf(profiles);
        items = List.copyOf(items);
        testResults = List.copyOf(testResults);
    }

    /** A benchmark without test results (the constructor of package version 1.1). */
    public Benchmark(String xccdfVersion, String id, boolean resolved, String style, String lang,
            List<Status> statuses, String title, Text description, String version, List<String> platforms,
            List<Reference> references, List<Profile> profiles, List<XccdfItem> items) {
        this(xccdfVersion, id, resolved, style, lang, statuses, title, description, version, platforms, references,
                profiles, items, List.of());
    }

    @Override
    public String documentType() {
        return "XCCDF Checklist";
    }

    /** The last status element (the current one, as OpenSCAP reports it). */
    public Optional<Status> currentStatus() {
        return statuses.isEmpty() ? Optional.empty() : Optional.of(statuses.get(statuses.size() - 1));
    }

    public Optional<Profile> profile(String profileId) {
        return profiles.stream().filter(p -> p.id().equals(profileId)).findFirst();
    }

    /** Visits every group, rule and value, depth first in document order. */
    public void forEachItem(Consumer<XccdfItem> visitor) {
        visit(items, visitor);
    }

    private static void visit(List<XccdfItem> items, Consumer<XccdfItem> visitor) {
        for (XccdfItem item : items) {
            visitor.accept(item);
            if (item instanceof Group g) {
                visit(g.items(), visitor);
            }
        }
    }

    /** Every rule at any depth in document order. */
    public List<Rule> allRules() {
        List<Rule> rules = new ArrayList<>();
        forEachItem(i -> {
            if (i instanceof Rule r) {
                rules.add(r);
            }
        });
        return rules;
    }

    /** Every value at any depth in document order. */
    public List<Value> allValues() {
        List<Value> values = new ArrayList<>();
        forEachItem(i -> {
            if (i instanceof Value v) {
                values.add(v);
            }
        });
        return values;
    }

    /** Every group at any depth in document order. */
    public List<Group> allGroups() {
        List<Group> groups = new ArrayList<>();
        forEachItem(i -> {
            if (i instanceof Group g) {
                groups.add(g);
            }
        });
        return groups;
    }

    /** A {@code status} element: the status and its {@code date} (empty when absent). */
    public record Status(String status, String date) {
    }
}
