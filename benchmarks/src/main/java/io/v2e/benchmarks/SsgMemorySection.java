package io.v2e.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Section ssgmem: what the SSG parser's kernel advice does to page faults, peak RSS and the page
 * cache, and the peak heap of the largest installed data stream. Every measurement runs in its
 * own child JVM ({@link SsgMemoryProbe}) so faults and VmHWM belong to that run only.
 * <ul>
 * <li>advice: off (noop provider: no hints), on (jnr, the parser's default hints: madvise
 * SEQUENTIAL + WILLNEED per mapped window, DONTNEED when done), on+drop (jnr, and the optional
 * posix_fadvise DONTNEED of each file after its parse) x cold / warm page cache, interleaved,
 * over the whole corpus.</li>
 * <li>heap: the largest data stream parsed once: heap retained by the model, largest occupancy
 * before a GC, and the smallest -Xmx (MiB) at which the parse succeeds, against 3x the file.</li>
 * </ul>
 */
final class SsgMemorySection {

    /** variant name, provider, drop page cache */
    static final String[][] VARIANTS = {{"advice-off", "noop", "false"}, {"advice-on", "jnr", "false"},
        {"advice-on+drop", "jnr", "true"}};
    static final String CHILD_HEAP = "-Xmx512m";
    /** Keeps run.sh within its 10 minutes: whole repeats only, so every cell keeps the same count. */
    static final int ADVICE_BUDGET_SECONDS = 100;

    private SsgMemorySection() {
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("ssgmem");
        if (!Files.isDirectory(SsgSection.CORPUS)) {
            r.note("no SCAP corpus at " + SsgSection.CORPUS + " (apt-get install ssg-debian ssg-applications): section not run");
            return r;
        }
        List<Path> corpus;
        try (Stream<Path> s = Files.list(SsgSection.CORPUS)) {
            corpus = s.filter(f -> f.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
        }
        List<Path> files = o.smoke() ? List.of(smallest(corpus)) : corpus;
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        int repeats = o.smoke() ? 1 : 3;
        String[] caches = o.smoke() ? new String[] {"warm"} : new String[] {"cold", "warm"};
        int warmups = o.smoke() ? 0 : 1;
        r.note(String.format("advice: %d files, %.1f MB (%s); per run a new JVM (%s) parses them %d time(s) to warm"
                + " up the JIT, then the page cache is dropped (cold: sync; echo 3 > /proc/sys/vm/drop_caches) or filled"
                + " by reading every file (warm), VmHWM is reset (echo 5 > /proc/self/clear_refs), and one measured pass"
                + " parses every file. %d interleaved repeat(s) per cell.", files.size(), bytes / 1e6,
                o.smoke() ? "smoke: the smallest file" : "the whole corpus", CHILD_HEAP, warmups, repeats));
        long start = System.nanoTime();
        for (int rep = 0; rep < repeats; rep++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (rep > 0 && elapsed + elapsed / rep > ADVICE_BUDGET_SECONDS) {
                r.note(String.format("advice runs stopped after %d of %d repeats: another would pass the section's"
                        + " %d s budget (%.0f s so far; a loaded machine?)", rep, repeats, ADVICE_BUDGET_SECONDS, elapsed));
                break;
            }
            for (String cache : caches) {
                for (String[] v : VARIANTS) {
                    List<String> args = new ArrayList<>(List.of("advice", v[1], v[2], cache, Integer.toString(warmups)));
                    files.forEach(f -> args.add(f.toString()));
                    Child c = child(List.of(CHILD_HEAP), args, 120);
                    if (c.result == null) {
                        r.note("run " + v[0] + "/" + cache + " #" + rep + " failed (exit " + c.exit + "): " + c.output);
                        continue;
                    }
                    if (cache.equals("cold") && !Boolean.TRUE.equals(c.result.get("cacheDropped"))) {
                        r.note("cold runs need root to write /proc/sys/vm/drop_caches: refused here, so 'cold' was NOT"
                                + " cold (report only the warm runs)");
                    }
                    Histogram h = perFile(c.result);
                    r.add(adviceRow(v[0], cache, rep, c.result, h), h);
                }
            }
        }
        heap(r, o, corpus);
        return r;
    }

    private static Path smallest(List<Path> files) {
        return files.stream().min(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }

    /** The largest data stream (*-ds*.xml); ties go to the first name. */
    static Path largestDataStream(List<Path> files) {
        return files.stream().filter(f -> f.getFileName().toString().contains("-ds"))
                .max(Comparator.comparingLong((Path f) -> f.toFile().length()).thenComparing(Comparator.reverseOrder()))
                .orElseThrow();
    }

    private static void heap(Results r, Options o, List<Path> corpus) throws Exception {
        List<Path> ds = corpus.stream().filter(f -> f.getFileName().toString().contains("-ds")).collect(Collectors.toList());
        if (ds.isEmpty()) {
            r.note("heap: no data stream (*-ds*.xml) installed");
            return;
        }
        Path file = o.smoke() ? smallest(ds) : largestDataStream(ds);
        long size = Files.size(file);
        Child c = child(List.of(CHILD_HEAP), List.of("heap", file.toString()), 120);
        if (c.result == null) {
            r.note("heap run on " + file + " failed (exit " + c.exit + "): " + c.output);
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>(c.result);
        extra.put("childHeap", CHILD_HEAP);
        extra.put("choice", o.smoke() ? "smallest installed data stream (smoke)" : "largest installed data stream");
        long goalBytes = 3 * size;
        // The smallest -Xmx (MiB) at which the parse of this file still completes (default GC).
        Map<Integer, Boolean> probes = new LinkedHashMap<>();
        if (!o.smoke()) {
            int hi = (int) Math.ceil(goalBytes / (double) (1 << 20));
            while (!fits(file, hi, probes) && hi < 1024) {
                hi *= 2;
            }
            int lo = 1; // known failing (the JVM refuses to start below 2 MiB)
            if (probes.getOrDefault(hi, false)) {
                while (hi - lo > 1) {
                    int mid = (lo + hi) / 2;
                    if (fits(file, mid, probes)) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                extra.put("minXmxMiB", hi);
            }
        }
        extra.put("xmxProbes", probes.entrySet().stream().map(e -> e.getKey() + "m:" + (e.getValue() ? "ok" : "OOM"))
                .collect(Collectors.joining(" ")));
        extra.put("goalBytes", goalBytes);
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        h.recordValue(1);
        r.add(new Row("ssgmem", "heap", "peak-heap", file.getFileName().toString(), 0, 0, 1, 1, false, 0, 0, 0, 0, 0, 0, 0,
                extra), h);
    }

    private static boolean fits(Path file, int xmxMiB, Map<Integer, Boolean> probes) throws Exception {
        Child c = child(List.of("-Xmx" + xmxMiB + "m", "-Xms" + Math.min(xmxMiB, 2) + "m"), List.of("heap", file.toString()), 120);
        boolean ok = c.result != null;
        probes.put(xmxMiB, ok);
        System.out.println("ssgmem heap probe -Xmx" + xmxMiB + "m: " + (ok ? "ok" : "failed (exit " + c.exit + ")"));
        return ok;
    }

    private static Row adviceRow(String variant, String cache, int rep, Map<String, Object> res, Histogram h) {
        int files = ((Number) res.get("files")).intValue();
        double secs = ((Number) res.get("wallMs")).doubleValue() / 1000;
        Map<String, Object> extra = new LinkedHashMap<>(res);
        extra.remove("perFileNanos");
        return new Row("ssgmem", cache, variant, "corpus", rep, 0, files, files, false, files / secs,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0, h.getMean() / 1000.0, h.getStdDeviation() / 1000.0, extra);
    }

    /** The child's per-file parse times. */
    private static Histogram perFile(Map<String, Object> res) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        @SuppressWarnings("unchecked")
        List<Number> nanos = (List<Number>) res.get("perFileNanos");
        nanos.forEach(n -> h.recordValue(Math.max(1, n.longValue())));
        return h;
    }

    record Child(int exit, Map<String, Object> result, String output) {
    }

    /** Runs SsgMemoryProbe in a new JVM with this JVM's native-access flag. */
    static Child child(List<String> jvmArgs, List<String> args, int timeoutSeconds) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--enable-native-access")) {
                cmd.add(a);
            }
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SsgMemoryProbe.class.getName());
        cmd.addAll(args);
        Path log = Files.createTempFile("ssgmem", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Child(-1, null, "timed out after " + timeoutSeconds + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            for (String line : out.split("\n")) {
                if (line.startsWith("RESULT ") && p.exitValue() == 0) {
                    return new Child(0, Results.JSON.readValue(line.substring(7), new TypeReference<Map<String, Object>>() {
                    }), out);
                }
            }
            return new Child(p.exitValue(), null, tail(out));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(String s) {
        return s.length() <= 400 ? s.trim() : "..." + s.substring(s.length() - 400).trim();
    }
}
