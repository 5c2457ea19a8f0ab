package io.v2e.ssg.api;

import java.util.List;
import java.util.Optional;

/**
 * An ARF result data stream ({@code arf:asset-report-collection}): the assets evaluated, the
 * report requests (the source content), the reports (an XCCDF {@link TestResult} or an OVAL
 * results document each) and the relationships that tie a report to its asset and request.
 *
 * @param assets         asset ids in document order
 * @param reportRequests report-request ids in document order
 * @param reports        reports in document order
 * @param relationships  {@code core:relationship}s in document order
 * @since 1.2
 */
public record ResultDataStream(List<String> assets, List<String> reportRequests, List<Report> reports,
        List<Relationship> relationships) implements ScapDocument {

    public ResultDataStream {
        assets = List.copyOf(assets);
        reportRequests = List.copyOf(reportRequests);
        reports = List.copyOf(reports);
        relationships = List.copyOf(relationships);
    }

    @Override
    public String documentType() {
        return "Result Data Stream";
    }

    /** The reports an {@code isAbout} relationship ties to {@code assetId}, in report order. */
    public List<Report> reportsAbout(String assetId) {
        return reports.stream().filter(r -> relationships.stream().anyMatch(
                rel -> rel.isType("isAbout") && rel.subject().equals(r.id()) && rel.refs().contains(assetId))).toList();
    }

    /** The report request a {@code createdFor} relationship names for {@code reportId}. */
    public Optional<String> requestOf(String reportId) {
        return relationships.stream().filter(rel -> rel.isType("createdFor") && rel.subject().equals(reportId))
                .flatMap(rel -> rel.refs().stream()).findFirst();
    }

    /**
     * An {@code arf:report}: its id and content; {@code testResult} when the content is an XCCDF
     * TestResult, else {@code content} (e.g. {@link OvalResults}); both empty for other content.
     */
    public record Report(String id, Optional<TestResult> testResult, Optional<ScapDocument> content) {
    }

    /** A {@code core:relationship}: its {@code type} as written (a QName), {@code subject} and {@code ref}s. */
    public record Relationship(String type, String subject, List<String> refs) {
        public Relationship {
            refs = List.copyOf(refs);
        }

        /** Whether the type's local part (after the prefix) is {@code localName}. */
        public boolean isType(String localName) {
            return type.equals(localName) || type.endsWith(":" + localName);
        }
    }
}
