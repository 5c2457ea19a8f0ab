package io.v2e.benchmarks;

import java.nio.file.Path;

/**
 * How long and how often to measure. {@link #smoke} runs every benchmark for a fraction of a
 * second, once, only to prove it runs and reports numbers.
 *
 * @param out          where the section JSON files go
 * @param eventAdmin   the EventAdmin bundle jar
 * @param work         scratch directory (Felix storage)
 */
record Options(boolean smoke, Path out, Path eventAdmin, Path work, int repeats, double runSeconds, int jitterPairs,
        double jitterSeconds, double jitterRate, int largeMessages) {

    static Options full(Path out, Path eventAdmin, Path work) {
        return new Options(false, out, eventAdmin, work, 5, 1.5, 5, 2.0, 20_000, 400);
    }

    static Options smoke(Path out, Path eventAdmin, Path work) {
        return new Options(true, out, eventAdmin, work, 1, 0.15, 1, 0.2, 20_000, 8);
    }

    /** How long a run may take after its last send before undelivered messages count as saturation. */
    double drainSeconds() {
        return smoke ? 0.5 : 3;
    }

    double warmupSeconds() {
        return smoke ? 0.05 : 0.5;
    }
}
