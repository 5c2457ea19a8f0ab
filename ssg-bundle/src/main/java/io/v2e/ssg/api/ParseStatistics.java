package io.v2e.ssg.api;

import java.util.List;

import io.v2e.tuning.api.Outcome;

/**
 * Measurements of one parse.
 *
 * @param bytes              file size
 * @param elapsedNanos       wall time from opening the file to the finished model
 * @param elements           XML elements read
 * @param rules              XCCDF rules (all benchmarks, all nesting levels)
 * @param groups             XCCDF groups
 * @param values             XCCDF values
 * @param profiles           XCCDF profiles
 * @param ovalDefinitions    OVAL definitions
 * @param ocilQuestionnaires OCIL questionnaires
 * @param cpeItems           CPE dictionary items
 * @param tuningProvider     name of the tuning provider used ({@code none} when none was bound)
 * @param advice             every kernel hint asked for and what the provider answered, in order
 */
public record ParseStatistics(long bytes, long elapsedNanos, long elements, int rules, int groups,
        int values, int profiles, int ovalDefinitions, int ocilQuestionnaires, int cpeItems,
        String tuningProvider, List<Advice> advice) {

    public ParseStatistics {
        advice = List.copyOf(advice);
    }

    /** Throughput in MB/s (10^6 bytes per second). */
    public double megabytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : (bytes / 1e6) / (elapsedNanos / 1e9);
    }

    /**
     * One kernel hint.
     *
     * @param hint    e.g. {@code madvise SEQUENTIAL}, {@code madvise DONTNEED},
     *                {@code fadvise DONTNEED}
     * @param calls   how many times it was asked (once per mapped window)
     * @param outcome the provider's answer (the first non-APPLIED answer if any window differed)
     */
    public record Advice(String hint, int calls, Outcome outcome) {
    }
}
