package io.v2e.ssg.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.SsgParser;
import io.v2e.ssg.api.Tailoring;

/**
 * Which benchmark of a document a profile request means, for {@code ssg:info --profile} and
 * {@code RPCSSGGetProfile}: without a tailoring, the first benchmark that has the profile; with one,
 * the benchmark the tailoring names by id, else the document's first benchmark (as oscap takes
 * the first checklist). Stateless.
 */
final class ProfileTarget {

    private ProfileTarget() {
    }

    /** @param tailoring null for none; {@code tailoringFile} names it in errors */
    static ResolvedProfile resolve(SsgParser parser, ScapDocument document, Path file, String profileId,
            ScapDocument tailoring, Path tailoringFile) {
        List<Benchmark> benchmarks = benchmarks(document);
        if (tailoring == null) {
            Benchmark b = benchmarks.stream().filter(x -> x.profile(profileId).isPresent()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no profile " + profileId + " in " + file));
            return parser.resolveProfile(b, profileId);
        }
        if (!(tailoring instanceof Tailoring t)) {
            throw new IllegalArgumentException(tailoringFile + " is not a tailoring document: it is "
                    + tailoring.documentType());
        }
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("no benchmark in " + file + " to apply " + tailoringFile + " to");
        }
        Benchmark b = benchmarks.stream().filter(x -> x.id().equals(t.benchmarkId())).findFirst()
                .orElse(benchmarks.get(0));
        return parser.resolveProfile(b, t, profileId);
    }

    /** The benchmarks of a benchmark file or of a data-stream collection's components, in order. */
    static List<Benchmark> benchmarks(ScapDocument document) {
        List<Benchmark> result = new ArrayList<>();
        if (document instanceof Benchmark b) {
            result.add(b);
        } else if (document instanceof DataStreamCollection ds) {
            ds.components().forEach(c -> {
                if (c.content() instanceof Benchmark b) {
                    result.add(b);
                }
            });
        }
        return result;
    }
}
