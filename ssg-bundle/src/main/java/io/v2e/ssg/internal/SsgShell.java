package io.v2e.ssg.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;

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

    SsgShell(SsgParser parser, SampleFile sample) {
        this(parser, sample, System::nanoTime);
    }

    /** @param nanoClock the wall clock of the import progress (a test's own clock) */
    SsgShell(SsgParser parser, SampleFile sample, LongSupplier nanoClock) {
        this.parser = parser;
        this.sample = sample;
        this.nanoClock = nanoClock;
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
                + countsText(result.statistics());
    }

    /** {@code ssg:import DIR}: parses every .xml and .xml.bz2 file with {@link ImportProgress}, then a summary table. */
    String importDirectory(Path dir, PrintStream progress, boolean terminal) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> isScapFileName(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-40s %10s %10s %7s  %s%n", "FILE", "MB", "MB/s", "RULES", "ERROR"));
        long totalBytes = 0;
        long totalNanos = 0;
        long totalRules = 0;
        int errors = 0;
        long[] sizes = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            sizes[i] = Files.size(files.get(i));
        }
        ImportProgress bar = new ImportProgress(progress, terminal, nanoClock, files.size(), LongStream.of(sizes).sum());
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            bar.starting(f.getFileName().toString());
            try {
                ParseStatistics s = parser.parse(f).statistics();
                totalBytes += s.bytes();
                totalNanos += s.elapsedNanos();
                totalRules += s.rules();
                table.append(String.format(Locale.ROOT, "%-40s %10.3f %10.1f %7d  %s%n", f.getFileName(), s.bytes() / 1e6,
                        s.megabytesPerSecond(), s.rules(), "-"));
            } catch (SsgParseException e) {
                errors++;
                table.append(String.format(Locale.ROOT, "%-40s %10s %10s %7s  %s%n", f.getFileName(), "-", "-", "-",
                        e.kind() + ": " + e.getMessage()));
            }
            bar.finished(f.getFileName().toString(), sizes[i]);
        }
        bar.done();
        double mbps = totalNanos == 0 ? 0 : (totalBytes / 1e6) / (totalNanos / 1e9);
        table.append(String.format(Locale.ROOT, "%-40s %10.3f %10.1f %7d  %d error(s)%n",
                "TOTAL " + files.size() + " file(s)", totalBytes / 1e6, mbps, totalRules, errors));
        return table.toString();
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
