package io.v2e.ssg.api;

import java.util.List;

/**
 * An XCCDF tailoring document ({@code <xccdf:Tailoring>} of XCCDF 1.2, or of OpenSCAP's XCCDF 1.1
 * extension namespace): profiles that extend or adjust the profiles of a benchmark kept elsewhere.
 * {@link SsgParser#resolveProfile(Benchmark, Tailoring, String)} applies it.
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
