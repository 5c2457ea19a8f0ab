package io.v2e.ssg.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * What the {@code ssg:info} and {@code ssg:import} commands print, independent of Gogo so it can be
 * tested directly. Thread-safe (no state besides the parser and the sample path supplier).
 */
final class SsgShell {

    /** Supplies the vendored sample file when no FILE is given. */
    interface SampleFile {
        Path get() throws IOException;
    }

    private final SsgParser parser;
    private final SampleFile sample;
    private final LongSupplier nanoClock;
    private final Supplier<TuningProvider> tuning;

    SsgShell(SsgParser parser, SampleFile sample) {
        this(parser, sample, System::nanoTime, () -> null);
    }

    /** @param nanoClock the wall clock of the import progress (a test's own clock) */
    SsgShell(SsgParser parser, SampleFile sample, LongSupplier nanoClock) {
        this(parser, sample, nanoClock, () -> null);
    }

    /** @param tuning the provider that places the import workers (supplying null: not placed) */
    SsgShell(SsgParser parser, SampleFile sample, LongSupplier nanoClock, Supplier<TuningProvider> tuning) {
        this.parser = parser;
        this.sample = sample;
        this.nanoClock = nanoClock;
        this.tuning = tuning;
    }

    static final String INFO_USAGE = "usage: ssg:info [FILE] [--tailoring TAILORING_FILE] [--profile ID] [--json]";

    /**
     * {@code ssg:info [FILE] [--tailoring TAILORING_FILE] [--profile ID] [--json]}; without FILE the
     * vendored sample; {@code --tailoring} needs {@code --profile} (as oscap's {@code --tailoring-file}).
     */
    String info(List<String> args) throws IOException, SsgParseException {
        String file = null;
        String profile = null;
        String tailoring = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--profile")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--profile needs a profile id\n" + INFO_USAGE);
                }
                profile = args.get(++i);
            } else if (a.equals("--tailoring")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--tailoring needs a tailoring file\n" + INFO_USAGE);
                }
                tailoring = args.get(++i);
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a + "\n" + INFO_USAGE);
            } else if (file == null) {
                file = a;
            } else {
                throw new IllegalArgumentException("only one FILE, got " + file + " and " + a + "\n" + INFO_USAGE);
            }
        }
        if (tailoring != null && profile == null) {
            throw new IllegalArgumentException("--tailoring needs --profile ID (a profile of the tailoring or the benchmark)\n"
                    + INFO_USAGE);
        }
        Path path = file == null ? sample.get() : Path.of(file);
        ParseResult result = parser.parse(path);
        if (profile != null) {
            Path tailoringPath = tailoring == null ? null : Path.of(tailoring);
            ResolvedProfile resolved = ProfileTarget.resolve(parser, result.document(), path, profile,
                    tailoringPath == null ? null : parser.parse(tailoringPath).document(), tailoringPath);
            return json ? SsgJson.indented(InfoJson.ProfileJson.of(path, resolved)) : profileText(resolved);
        }
        return json ? SsgJson.indented(InfoJson.Info.of(result)) : OscapStyleInfo.render(result.document(), Files.getLastModifiedTime(path))
                + countsText(result.statistics()) + ScanResults.text(result.document());
    }

    static final String IMPORT_USAGE = "usage: ssg:import DIR [--threads N]";

    /**
     * {@code ssg:import DIR [--threads N]}: parses every .xml and .xml.bz2 file on N worker threads
     * (default: one per allowed CPU) with {@link ImportProgress}, then a summary table.
     */
    String importCommand(List<String> args, PrintStream progress, boolean terminal) throws IOException, InterruptedException {
        String dir = null;
        Integer threads = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--threads")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--threads needs a number\n" + IMPORT_USAGE);
                }
                String n = args.get(++i);
                try {
                    threads = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    threads = 0;
                }
                if (threads < 1) {
                    throw new IllegalArgumentException("--threads must be a whole number >= 1, was " + n + "\n" + IMPORT_USAGE);
                }
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a + "\n" + IMPORT_USAGE);
            } else if (dir == null) {
                dir = a;
            } else {
                throw new IllegalArgumentException("only one DIR, got " + dir + " and " + a + "\n" + IMPORT_USAGE);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("DIR is missing\n" + IMPORT_USAGE);
        }
        TuningProvider provider = tuning.get();
        return importDirectory(Path.of(dir), progress, terminal,
                threads != null ? threads : ParallelImport.defaultThreads(provider));
    }

    /** As {@link #importCommand} for one directory and a thread count. */
    String importDirectory(Path dir, PrintStream progress, boolean terminal, int threads) throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> isScapFileName(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        ImportProgress bar = new ImportProgress(progress, terminal, nanoClock, files.size(), total);
        ParallelImport.Result run = new ParallelImport(parser, tuning.get(), System::nanoTime).run(files, threads,
                new ParallelImport.Listener() {
                    @Override
                    public void starting(String name) {
                        bar.starting(name);
                    }

                    @Override
                    public void finished(String name, long bytes) {
                        bar.finished(name, bytes);
                    }
                });
        bar.done();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-40s %10s %10s %7s  %s%n", "FILE", "MB", "MB/s", "RULES", "ERROR"));
        long totalBytes = 0;
        long totalRules = 0;
        int errors = 0;
        for (ParallelImport.FileResult r : run.files()) {
            ParseStatistics s = r.statistics();
            if (s != null) {
                totalBytes += s.bytes();
                totalRules += s.rules();
                table.append(String.format(Locale.ROOT, "%-40s %10.3f %10.1f %7d  %s%n", r.file().getFileName(),
                        s.bytes() / 1e6, s.megabytesPerSecond(), s.rules(), "-"));
            } else {
                errors++;
                table.append(String.format(Locale.ROOT, "%-40s %10s %10s %7s  %s%n", r.file().getFileName(), "-", "-", "-",
                        r.error().kind() + ": " + r.error().getMessage()));
            }
        }
        // wall-clock rate: with several workers the per-file rates add up, their times overlap
        double mbps = run.wallNanos() <= 0 ? 0 : (totalBytes / 1e6) / (run.wallNanos() / 1e9);
        table.append(String.format(Locale.ROOT, "%-40s %10.3f %10.1f %7d  %d error(s)%n",
                "TOTAL " + files.size() + " file(s)", totalBytes / 1e6, mbps, totalRules, errors));
        table.append("Workers: ").append(run.placements().size());
        for (ParallelImport.Placement p : run.placements()) {
            table.append(String.format(Locale.ROOT, "%n\t%s %s: %s", p.worker(), p.cpu() < 0 ? "-" : "cpu " + p.cpu(),
                    p.outcome()));
        }
        return table.append('\n').toString();
    }

    /** Plain and bzip2-compressed SCAP files, as oscap opens both. */
    private static boolean isScapFileName(String name) {
        return name.endsWith(".xml") || name.endsWith(".xml.bz2");
    }

    private static String countsText(ParseStatistics s) {
        StringBuilder sb = new StringBuilder("\nCounts:\n");
        sb.append(String.format(Locale.ROOT, "\tRules: %d%n\tGroups: %d%n\tValues: %d%n\tProfiles: %d%n", s.rules(),
                s.groups(), s.values(), s.profiles()));
        sb.append(String.format(Locale.ROOT, "\tOVAL definitions: %d%n\tOCIL questionnaires: %d%n\tCPE items: %d%n",
                s.ovalDefinitions(), s.ocilQuestionnaires(), s.cpeItems()));
        sb.append(String.format(Locale.ROOT, "\tElements: %d%n", s.elements()));
        sb.append(String.format(Locale.ROOT, "Parse: %d bytes in %.1f ms (%.1f MB/s), tuning provider %s%n", s.bytes(),
                s.elapsedNanos() / 1e6, s.megabytesPerSecond(), s.tuningProvider()));
        for (ParseStatistics.Advice a : s.advice()) {
            sb.append('\t').append(a.hint()).append(" x").append(a.calls()).append(": ").append(a.outcome()).append('\n');
        }
        return sb.toString();
    }

    private static String profileText(ResolvedProfile r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Profile: ").append(r.profileId()).append('\n');
        sb.append("Title: ").append(r.title()).append('\n');
        if (r.extendsChain().size() > 1) {
            sb.append("Extends: ").append(String.join(" -> ", r.extendsChain().subList(1, r.extendsChain().size())))
                    .append('\n');
        }
        sb.append("Selected rules: ").append(r.selectedRules().size()).append('\n');
        for (Rule rule : r.selectedRules()) {
            sb.append(String.format(Locale.ROOT, "\t%-8s %s%n\t\t%s%n", rule.severity(), rule.id(), rule.title()));
        }
        sb.append("Values: ").append(r.values().size()).append('\n');
        r.values().forEach((k, v) -> sb.append('\t').append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }
}
