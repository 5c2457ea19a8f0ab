package io.v2e.ssg.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.v2e.ssg.api.SsgParser;
import io.v2e.ssg.internal.ParallelImport;
import io.v2e.tuning.api.TuningProvider;

/**
 * What {@code ssg:import} does, without OSGi: parse files on worker threads placed through a
 * tuning provider (each pinned to one allowed CPU), at most one parse per worker in memory.
 * For benchmarks and programs that measure or reuse the import. Threading: {@link #run} blocks the
 * caller until every file is done; calls are independent.
 */
public final class EmbeddedImport {

    private EmbeddedImport() {
    }

    /**
     * How an import went.
     *
     * @param files      files parsed or refused
     * @param bytes      bytes on disk of the files parsed
     * @param errors     files refused
     * @param rules      rules read over every file
     * @param wallNanos  wall time of the whole import
     * @param placements one line per worker: {@code ssg-import-0 cpu 1: APPLIED}
     * @param parseNanos each parsed file's own parse time (on its worker), in the order given
     */
    public record Summary(int files, long bytes, int errors, long rules, long wallNanos, List<String> placements,
            List<Long> parseNanos) {
        public Summary {
            placements = List.copyOf(placements);
            parseNanos = List.copyOf(parseNanos);
        }

        /** Bytes on disk over the wall time, MB (10^6 bytes) per second. */
        public double megabytesPerSecond() {
            return wallNanos <= 0 ? 0 : (bytes / 1e6) / (wallNanos / 1e9);
        }
    }

    /** One worker per CPU the provider allows (or per available processor without one). */
    public static int defaultThreads(TuningProvider provider) {
        return ParallelImport.defaultThreads(provider);
    }

    /**
     * @param provider places the workers (null: not placed)
     * @param threads  workers, >= 1
     */
    public static Summary run(SsgParser parser, TuningProvider provider, List<Path> files, int threads)
            throws InterruptedException {
        ParallelImport.Result r = new ParallelImport(parser, provider, System::nanoTime).run(files, threads,
                ParallelImport.Listener.NONE);
        long bytes = 0;
        long rules = 0;
        int errors = 0;
        List<Long> parseNanos = new ArrayList<>();
        for (ParallelImport.FileResult f : r.files()) {
            if (f.statistics() == null) {
                errors++;
            } else {
                bytes += f.statistics().bytes();
                rules += f.statistics().rules();
                parseNanos.add(f.statistics().elapsedNanos());
            }
        }
        return new Summary(r.files().size(), bytes, errors, rules, r.wallNanos(),
                r.placements().stream().map(p -> p.worker() + (p.cpu() < 0 ? " -" : " cpu " + p.cpu()) + ": " + p.outcome())
                        .toList(), parseNanos);
    }
}
