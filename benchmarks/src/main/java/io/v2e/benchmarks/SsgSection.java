package io.v2e.benchmarks;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.HdrHistogram.Histogram;

import com.ctc.wstx.stax.WstxInputFactory;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.SsgParser;
import io.v2e.ssg.embedded.EmbeddedImport;
import io.v2e.ssg.embedded.EmbeddedSsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * Section ssg: the SSG parser (EmbeddedSsgParser with the noop provider, its default settings)
 * over every SCAP file installed under /usr/share/xml/scap/ssg/content vs a bare Woodstox token
 * scan of the same files in the same JVM (interleaved passes) vs one pass of {@code oscap info}
 * per file (a separate process each, capped in time), and vs {@code ssg:import}'s own parallel
 * import ({@link EmbeddedImport}: one worker, and one per allowed CPU pinned through jnr).
 * Throughput in MB/s (10^6 bytes) over the whole corpus (wall time), and per-file times (for the
 * import rows each file's parse time on its worker).
 */
final class SsgSection {

    static final Path CORPUS = Path.of(System.getProperty("v2e.ssg.corpus", "/usr/share/xml/scap/ssg/content"));

    private SsgSection() {
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("ssg");
        List<Path> files;
        if (!Files.isDirectory(CORPUS)) {
            r.note("no SCAP corpus at " + CORPUS + " (apt-get install ssg-debian ssg-applications ...): section not run");
            return r;
        }
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(f -> f.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
        }
        if (o.smoke()) {
            files = files.stream().sorted((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).limit(2)
                    .collect(Collectors.toList());
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        r.note(files.size() + " files, " + bytes / 1_000_000 + " MB under " + CORPUS + "; ssg parser and bare scan: "
                + (o.smoke() ? 1 : 3) + " interleaved passes after one warm-up pass; oscap info: one pass, at most "
                + (o.smoke() ? 1 : 60) + " s.");
        TuningProvider noop = Providers.create("noop");
        SsgParser parser = EmbeddedSsgParser.create(Map.of(), noop); // the shipped defaults
        XMLInputFactory bare = new WstxInputFactory();
        bare.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        bare.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        TuningProvider placing = importProvider(r);
        int threads = EmbeddedImport.defaultThreads(placing);
        pass(parser, bare, files, true);
        pass(parser, bare, files, false); // warm-up
        EmbeddedImport.run(parser, placing, files, threads);
        int passes = o.smoke() ? 1 : 3;
        for (int i = 0; i < passes; i++) {
            for (boolean ssg : new boolean[] {true, false}) {
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                long t0 = System.nanoTime();
                pass(ssg ? parser : null, bare, files, ssg, h);
                long elapsed = System.nanoTime() - t0;
                r.add(row(ssg ? "ssg-parser" : "woodstox-bare-scan", i, files.size(), bytes, elapsed, h), h);
            }
            // ssg:import's own code: files in parallel on workers pinned through the provider
            for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
                EmbeddedImport.Summary run = EmbeddedImport.run(parser, placing, files, t);
                if (run.errors() > 0) {
                    throw new IllegalStateException("ssg import refused " + run.errors() + " file(s)");
                }
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                run.parseNanos().forEach(h::recordValue);
                r.add(row("ssg-import-" + t + "-thread" + (t > 1 ? "s" : ""), i, files.size(), bytes, run.wallNanos(), h), h);
                if (i == 0) {
                    r.note("ssg-import-" + t + ": " + String.join(", ", run.placements()));
                }
            }
        }
        oscap(r, files, o.smoke() ? 1 : 60);
        return r;
    }

    /** The provider that places the import workers: jnr (the Linux default), else noop with a note. */
    private static TuningProvider importProvider(Results r) {
        try {
            return Providers.create("jnr");
        } catch (RuntimeException | LinkageError e) {
            r.note("jnr provider not available (" + e + "): import workers placed through noop (not pinned)");
            return Providers.create("noop");
        }
    }

    private static void pass(SsgParser parser, XMLInputFactory bare, List<Path> files, boolean ssg) throws Exception {
        pass(parser, bare, files, ssg, new Histogram(3_600_000_000_000L, 3));
    }

    private static void pass(SsgParser parser, XMLInputFactory bare, List<Path> files, boolean ssg, Histogram h)
            throws Exception {
        for (Path f : files) {
            long t = System.nanoTime();
            if (ssg) {
                ParseResult res = parser.parse(f);
                if (res.statistics().elements() <= 0) {
                    throw new IllegalStateException("ssg parser read no elements from " + f);
                }
            } else if (scan(bare, f) <= 0) {
                throw new IllegalStateException("bare scan read no elements from " + f);
            }
            h.recordValue(System.nanoTime() - t);
        }
    }

    /** Reads every token; returns the number of start elements. */
    static long scan(XMLInputFactory factory, Path f) throws Exception {
        long elements = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            XMLStreamReader x = factory.createXMLStreamReader(in);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT) {
                    elements++;
                }
            }
            x.close();
        }
        return elements;
    }

    private static void oscap(Results r, List<Path> files, int capSeconds) throws Exception {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(capSeconds);
        long bytes = 0;
        int done = 0;
        long t0 = System.nanoTime();
        for (Path f : files) {
            if (System.nanoTime() > deadline) {
                break;
            }
            long t = System.nanoTime();
            Process p;
            try {
                p = new ProcessBuilder("oscap", "info", f.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                r.note("oscap not available (apt-get install openscap-scanner): " + e.getMessage());
                return;
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                r.note("oscap info " + f + " did not finish in 120 s");
                break;
            }
            h.recordValue(System.nanoTime() - t);
            bytes += Files.size(f);
            done++;
        }
        if (done > 0) {
            r.add(row("oscap-info", 0, done, bytes, System.nanoTime() - t0, h), h);
            if (done < files.size()) {
                r.note("oscap info covered " + done + " of " + files.size() + " files within its time cap (MB/s over those).");
            }
        }
    }

    private static Row row(String system, int repeat, int files, long bytes, long elapsedNanos, Histogram perFile) {
        Map<String, Object> extra = new LinkedHashMap<>();
        double secs = elapsedNanos / 1e9;
        extra.put("MBPerSec", bytes / 1e6 / secs);
        extra.put("bytes", bytes);
        return new Row("ssg", "", system, "corpus", repeat, 0, files, files, false, files / secs,
                perFile.getValueAtPercentile(50) / 1000.0, perFile.getValueAtPercentile(99) / 1000.0,
                perFile.getValueAtPercentile(99.9) / 1000.0, perFile.getMaxValue() / 1000.0, perFile.getMean() / 1000.0,
                perFile.getStdDeviation() / 1000.0, extra);
    }
}
