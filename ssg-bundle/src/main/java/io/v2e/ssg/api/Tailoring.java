package io.v2e.ssg.api;

import java.util.List;

/**
 * A standalone XCCDF 1.2 tailoring document ({@code <xccdf:Tailoring>}): profiles that extend or
 * adjust the profiles of a benchmark kept elsewhere. Parsed and listed; applying it to a benchmark
 * is not modelled yet.
 *
 * @param id            the Tailoring's {@code id}
 * @param benchmarkHref the {@code benchmark} element's {@code href} (what oscap calls the
 *                      "Benchmark Hint"), empty without one
 * @param benchmarkId   the {@code benchmark} element's {@code id}, empty without one
 * @param statuses      every {@code status}, in document order
 * @param version       the {@code version} text, empty without one
 * @param profiles      the profiles in document order
 */
public record Tailoring(String id, String benchmarkHref, String benchmarkId, List<Benchmark.Status> statuses,
        String version, List<Profile> profiles) implements ScapDocument {

    public Tailoring {
        statuses = List.copyOf(statuses);
        profiles = List.copyOf(profiles);
    }

    @Override
    public String documentType() {
        return "XCCDF Tailoring";
    }
}
