package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.OvalResults;
import io.v2e.ssg.api.ResultDataStream;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.TestResult;

/**
 * The scan results a document holds, wherever they sit: the TestResults of an XCCDF results
 * benchmark or of an ARF's reports, and OVAL results (a document of its own or an ARF report).
 * Stateless.
 */
final class ScanResults {

    private ScanResults() {
    }

    static List<TestResult> testResults(ScapDocument document) {
        List<TestResult> out = new ArrayList<>();
        if (document instanceof Benchmark b) {
            out.addAll(b.testResults());
        } else if (document instanceof ResultDataStream arf) {
            arf.reports().forEach(r -> r.testResult().ifPresent(out::add));
        }
        return out;
    }

    static List<OvalResults> ovalResults(ScapDocument document) {
        List<OvalResults> out = new ArrayList<>();
        if (document instanceof OvalResults r) {
            out.add(r);
        } else if (document instanceof ResultDataStream arf) {
            arf.reports().forEach(r -> r.content().filter(OvalResults.class::isInstance).map(OvalResults.class::cast)
                    .ifPresent(out::add));
        }
        return out;
    }

    /** {@code pass 2, fail 1}; {@code none} without any. */
    static String countsLine(Map<String, Integer> counts) {
        return counts.isEmpty() ? "none"
                : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The text ssg:info adds after the counts for a document with results; empty without results. */
    static String text(ScapDocument document) {
        List<TestResult> trs = testResults(document);
        List<OvalResults> ovals = ovalResults(document);
        if (trs.isEmpty() && ovals.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Results:\n");
        trs.forEach(tr -> sb.append('\t').append(tr.id()).append(": ").append(countsLine(tr.resultCounts())).append('\n'));
        ovals.forEach(o -> sb.append("\tOVAL definitions: ").append(countsLine(o.resultCounts())).append('\n'));
        return sb.toString();
    }
}
