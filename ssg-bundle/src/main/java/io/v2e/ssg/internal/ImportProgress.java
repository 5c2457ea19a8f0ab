package io.v2e.ssg.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code ssg:import}'s progress: files done / total, throughput so far (MB/s over the bytes on
 * disk and the wall time since the start) and the estimated time left (the remaining bytes at that
 * rate). On a terminal one line is rewritten in place before each file; otherwise one plain line is
 * printed after each file (logs and pipes get no carriage returns). Called by one thread at a time
 * (ssg:import's workers take turns under a lock).
 */
final class ImportProgress {

    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final int totalFiles;
    private final long totalBytes;
    private final long startNanos;
    private int doneFiles;
    private long doneBytes;

    ImportProgress(PrintStream out, boolean terminal, LongSupplier nanoClock, int totalFiles, long totalBytes) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.startNanos = nanoClock.getAsLong();
    }

    /** About to parse {@code name}: the in-place line names it (terminal only). */
    void starting(String name) {
        if (terminal) {
            out.print(terminalLine(name, mbPerSecond(nanoClock.getAsLong())));
            out.flush();
        }
    }

    /** {@code name} ({@code bytes} on disk) is done, parsed or refused. */
    void finished(String name, long bytes) {
        doneFiles++;
        doneBytes += bytes;
        if (!terminal) {
            double rate = mbPerSecond(nanoClock.getAsLong());
            out.printf(Locale.ROOT, "%d/%d %s: %.3f MB, %.1f MB/s, ETA %s%n", doneFiles, totalFiles, name, bytes / 1e6,
                    rate, eta(rate));
            out.flush();
        }
    }

    /** Every file done: the in-place line is completed and ended (terminal only). */
    void done() {
        if (terminal) {
            out.print(terminalLine("done", mbPerSecond(nanoClock.getAsLong())) + "\n");
            out.flush();
        }
    }

    private String terminalLine(String current, double rate) {
        int filled = totalFiles == 0 ? BAR_WIDTH : doneFiles * BAR_WIDTH / totalFiles;
        return String.format(Locale.ROOT, "\r[%s%s] %d/%d %7.1f MB/s ETA %s %-40.40s", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), doneFiles, totalFiles, rate, eta(rate), current);
    }

    private double mbPerSecond(long now) {
        long elapsed = now - startNanos;
        return elapsed <= 0 ? 0 : (doneBytes / 1e6) / (elapsed / 1e9);
    }

    /** m:ss (h:mm:ss from an hour), rounded up; "-:--" before any throughput is known. */
    private String eta(double mbPerSecond) {
        long remaining = totalBytes - doneBytes;
        if (remaining <= 0) {
            return "0:00";
        }
        if (mbPerSecond <= 0) {
            return "-:--";
        }
        long seconds = (long) Math.ceil(remaining / 1e6 / mbPerSecond);
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
