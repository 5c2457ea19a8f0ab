package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;

/**
 * With the real Linux provider (jnr) the parse statistics show every hint APPLIED, and the
 * page-cache drop has its effect: {@code fincore} reads the file's resident pages back as 0.
 */
class JnrAdviceTest {

    private static TuningProvider jnr;

    @BeforeAll
    static void bindJnr() {
        jnr = new JnrTuningProvider();
    }

    @Test
    void everyHintIsAppliedAndTheModelIsTheSameAsWithNoop(@TempDir Path dir) throws Exception {
        Path file = Files.copy(Fixtures.sample(), dir.resolve("sample-ds.xml"));
        ParseResult result = new WoodstoxSsgParser(() -> jnr, new ParserSettings(64 * 1024, true, 1000, 1 << 20, 64 << 20))
                .parse(file);
        int windows = (int) ((Files.size(file) + 65535) / 65536);
        assertEquals("jnr", result.statistics().tuningProvider());
        assertEquals(List.of(new ParseStatistics.Advice("madvise SEQUENTIAL", windows, Outcome.applied()),
                new ParseStatistics.Advice("madvise WILLNEED", windows, Outcome.applied()),
                new ParseStatistics.Advice("madvise DONTNEED", windows, Outcome.applied()),
                new ParseStatistics.Advice("fadvise DONTNEED", 1, Outcome.applied())), result.statistics().advice());
        assertEquals(Fixtures.parser().parse(file).document(), result.document());
    }

    @Test
    void pageCacheDropLeavesNoResidentPages(@TempDir Path dir) throws Exception {
        Path file = Files.copy(Fixtures.sample(), dir.resolve("cached-ds.xml"));
        // Whole pages only: jnr never discards beyond the buffer, so a last partial page stays
        // mapped (and cached) until the buffer itself is unmapped. Trailing newlines are legal XML.
        long size = Files.size(file);
        Files.writeString(file, "\n".repeat((int) ((4096 - size % 4096) % 4096)), StandardOpenOption.APPEND);
        assertEquals(0, Files.size(file) % 4096);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true); // dirty pages are not dropped by FADV_DONTNEED: write them back first
        }
        Files.readAllBytes(file); // make sure it is in the page cache
        assertTrue(residentBytes(file) > 0, "precondition: the copy is cached");
        new WoodstoxSsgParser(() -> jnr, new ParserSettings(1 << 30, true, 1000, 1 << 20, 64 << 20)).parse(file);
        assertEquals(0, residentBytes(file), "fincore after the parse with page-cache DONTNEED");
    }

    @Test
    void withNoopThePageCacheStaysAsItWas(@TempDir Path dir) throws Exception {
        Path file = Files.copy(Fixtures.sample(), dir.resolve("noop-ds.xml"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.readAllBytes(file);
        long before = residentBytes(file);
        ParseStatistics stats = new WoodstoxSsgParser(() -> Fixtures.NOOP,
                new ParserSettings(1 << 30, true, 1000, 1 << 20, 64 << 20)).parse(file).statistics();
        assertEquals(Outcome.Status.UNSUPPORTED, stats.advice().get(3).outcome().status());
        assertEquals(before, residentBytes(file));
    }

    /** Resident bytes of the file in the page cache, read independently with util-linux fincore. */
    private static long residentBytes(Path file) throws IOException {
        String out = InstalledContent.run(List.of("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString()));
        return Long.parseLong(out.trim());
    }

    /** Each ssg:import worker runs on the CPU it was pinned to, as the kernel reports it while it parses. */
    @Test
    void importWorkersRunOnTheirPinnedCpuAsProcReportsIt(@TempDir Path dir) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (String name : List.of("a.xml", "b.xml", "c.xml", "d.xml")) {
            files.add(Files.copy(Fixtures.sample(), dir.resolve(name)));
        }
        java.util.Map<String, String> allowedWhileParsing = new java.util.concurrent.ConcurrentHashMap<>();
        io.v2e.ssg.api.SsgParser reading = new io.v2e.ssg.api.SsgParser() {
            @Override
            public ParseResult parse(Path file, io.v2e.ssg.api.ParseOptions options) throws io.v2e.ssg.api.SsgParseException {
                allowedWhileParsing.merge(Thread.currentThread().getName(), cpusAllowedList(), (a, b) -> a.equals(b) ? a : a + "|" + b);
                return Fixtures.parser().parse(file, options);
            }

            @Override
            public io.v2e.ssg.api.ResolvedProfile resolveProfile(io.v2e.ssg.api.Benchmark b, String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public io.v2e.ssg.api.ResolvedProfile resolveProfile(io.v2e.ssg.api.Benchmark b, io.v2e.ssg.api.Tailoring t, String id) {
                throw new UnsupportedOperationException();
            }
        };
        ParallelImport.Result result = new ParallelImport(reading, jnr, System::nanoTime).run(files, 2,
                new ParallelImport.Listener() {
                    @Override
                    public void starting(String name) {
                    }

                    @Override
                    public void finished(String name, long bytes) {
                    }
                });
        assertEquals(4, result.files().stream().filter(f -> f.statistics() != null).count());
        for (ParallelImport.Placement p : result.placements()) {
            assertEquals("APPLIED", p.outcome(), p.toString());
            String seen = allowedWhileParsing.get(p.worker());
            if (seen != null) { // a worker may find no file left on a busy machine
                assertEquals(String.valueOf(p.cpu()), seen, p.worker());
            }
        }
        assertTrue(allowedWhileParsing.size() >= 1);
    }

    private static String cpusAllowedList() {
        try {
            return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
