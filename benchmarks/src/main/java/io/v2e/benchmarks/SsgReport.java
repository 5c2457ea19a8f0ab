package io.v2e.benchmarks;

import static io.v2e.benchmarks.Report.median;
import static io.v2e.benchmarks.Report.stat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The RESULTS.md parts of the SSG memory section (ssgmem: kernel advice on/off x cold/warm page
 * cache, peak heap of the largest data stream) and of the JMH SsgParseBenchmark. Medians with
 * [min-max]; every goal goes through the report's goal callback (true = met).
 */
final class SsgReport {

    private SsgReport() {
    }

    /** JMH: SSG parser vs bare Woodstox scan of one data stream, from results/jmh.json. */
    static void jmh(Path out, StringBuilder md) throws IOException {
        Path f = out.resolve("jmh.json");
        if (!Files.exists(f)) {
            return;
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        String stream = null;
        for (JsonNode b : Results.JSON.readTree(f.toFile())) {
            String name = b.path("benchmark").asText();
            if (name.contains(SsgParseBenchmark.class.getSimpleName())) {
                byName.put(name.replaceAll(".*\\.", ""), b.path("primaryMetric"));
                stream = b.path("params").path("stream").asText();
            }
        }
        if (byName.isEmpty()) {
            return;
        }
        Path file;
        try {
            file = SsgParseBenchmark.file(stream);
        } catch (Exception e) {
            throw new IOException(e);
        }
        long size = Files.size(file);
        md.append("## 1b. JMH: SSG parser (noop provider) vs bare Woodstox token scan of the same file\n\n");
        md.append("File: `").append(file).append("` (").append(String.format(Locale.ROOT, "%,d", size))
                .append(" bytes); one whole file per operation, each benchmark in its own JMH fork.\n\n");
        md.append("| benchmark | ms/op (mean +- error) | MB/s |\n|---|---|---|\n");
        byName.forEach((name, m) -> md.append(String.format(Locale.ROOT, "| %s | %.3f +- %.3f | %.1f |\n", name,
                m.path("score").asDouble(), m.path("scoreError").asDouble(), size / 1e6 / (m.path("score").asDouble() / 1e3))));
        JsonNode ssg = byName.get("ssgParser");
        JsonNode bare = byName.get("woodstoxBareScan");
        if (ssg != null && bare != null) {
            md.append(String.format(Locale.ROOT, "\nParser throughput / bare scan throughput: **%.2f** (%.0f%%).\n",
                    bare.path("score").asDouble() / ssg.path("score").asDouble(),
                    100 * bare.path("score").asDouble() / ssg.path("score").asDouble()));
        }
        md.append('\n');
    }

    /** The ssgmem section. */
    static void memory(JsonNode s, StringBuilder md, BiConsumer<Boolean, String> goal) {
        md.append("## 2e. SSG parser memory: kernel advice on vs off, cold vs warm page cache; peak heap\n\n");
        md.append("Load average before ").append(s.path("loadBefore").asText()).append(", after ")
                .append(s.path("loadAfter").asText()).append(Report.othersText(s)).append(Report.loadTag(s).isEmpty() ? "" : " - **under load**").append(".\n\n");
        Map<String, List<JsonNode>> cells = new LinkedHashMap<>();
        JsonNode heap = null;
        for (JsonNode r : s.path("rows")) {
            if (r.path("variant").asText().equals("heap")) {
                heap = r;
            } else {
                cells.computeIfAbsent(r.path("variant").asText() + "|" + r.path("system").asText(), k -> new ArrayList<>()).add(r);
            }
        }
        if (!cells.isEmpty()) {
            md.append("`advice-off` = noop provider (no hints); `advice-on` = jnr with the parser's default hints (madvise"
                    + " SEQUENTIAL + WILLNEED when a window is mapped, DONTNEED when it is done; one window per file here);"
                    + " `advice-on+drop` = the same plus the optional `drop_page_cache` setting (posix_fadvise DONTNEED of"
                    + " each file after its parse). Faults and CPU time (10 ms ticks) are counted for the parsing thread"
                    + " (/proc/thread-self/stat) and"
                    + " the whole process during the measured pass; peak RSS is VmHWM after a reset just before it;"
                    + " page cache is `fincore` of the corpus files before and after it.\n\n");
            md.append("| cache | advice | wall ms | MB/s | thread CPU ms user / sys | thread minor faults | thread major faults | process minor / major"
                    + " | peak RSS MB | RSS before MB | file-backed RSS MB: before / max between files | page cache before MB"
                    + " | page cache after MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            cells.forEach((k, rows) -> {
                String[] kv = k.split("\\|");
                md.append("| ").append(kv[0]).append(" | ").append(kv[1]).append(" | ")
                        .append(stat(rows, x("wallMs"), "%.0f")).append(" | ").append(stat(rows, x("MBPerSec"), "%.1f"))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f / %.0f", median(rows, x("threadUserMs")),
                                median(rows, x("threadSysMs"))))
                        .append(" | ").append(stat(rows, x("threadMinorFaults"), "%.0f")).append(" | ")
                        .append(stat(rows, x("threadMajorFaults"), "%.0f")).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f / %.0f", median(rows, x("processMinorFaults")),
                                median(rows, x("processMajorFaults"))))
                        .append(" | ").append(stat(rows, r -> x("vmHwmKb").applyAsDouble(r) / 1024, "%.1f")).append(" | ")
                        .append(stat(rows, r -> x("rssBeforeKb").applyAsDouble(r) / 1024, "%.1f")).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f / ", median(rows, x("rssFileBeforeKb")) / 1024))
                        .append(stat(rows, r -> x("maxRssFileKb").applyAsDouble(r) / 1024, "%.1f")).append(" | ")
                        .append(stat(rows, r -> x("pageCacheBytesBefore").applyAsDouble(r) / 1e6, "%.1f")).append(" | ")
                        .append(stat(rows, r -> x("pageCacheBytesAfter").applyAsDouble(r) / 1e6, "%.1f")).append(" |\n");
            });
            md.append('\n');
            for (String cache : new String[] {"cold", "warm"}) {
                List<JsonNode> off = cells.get(cache + "|advice-off");
                List<JsonNode> on = cells.get(cache + "|advice-on");
                List<JsonNode> drop = cells.get(cache + "|advice-on+drop");
                if (off == null || on == null) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "- %s, on / off (medians): max file-backed RSS %.1f vs %.1f MB, peak RSS"
                        + " %.2fx (%.1f vs %.1f MB), thread minor"
                        + " faults %.2fx, major faults %.0f vs %.0f, wall time %.2fx, thread sys time %.0f vs %.0f ms", cache,
                        median(on, x("maxRssFileKb")) / 1024, median(off, x("maxRssFileKb")) / 1024,
                        median(on, x("vmHwmKb")) / median(off, x("vmHwmKb")), median(on, x("vmHwmKb")) / 1024,
                        median(off, x("vmHwmKb")) / 1024, median(on, x("threadMinorFaults")) / median(off, x("threadMinorFaults")),
                        median(on, x("threadMajorFaults")), median(off, x("threadMajorFaults")),
                        median(on, x("wallMs")) / median(off, x("wallMs")), median(on, x("threadSysMs")),
                        median(off, x("threadSysMs"))));
                if (drop != null) {
                    md.append(String.format(Locale.ROOT, "; on+drop / off: peak RSS %.2fx, wall %.2fx, page cache left %.1f MB"
                            + " vs %.1f MB", median(drop, x("vmHwmKb")) / median(off, x("vmHwmKb")),
                            median(drop, x("wallMs")) / median(off, x("wallMs")), median(drop, x("pageCacheBytesAfter")) / 1e6,
                            median(off, x("pageCacheBytesAfter")) / 1e6));
                }
                md.append(".\n");
            }
            md.append("- What each hint can change, whichever way the numbers above come out: Java unmaps a"
                    + " MappedByteBuffer only when a GC frees it, so without advice a parsed file's pages stay in the"
                    + " process's file-backed RSS until then, while madvise DONTNEED on the finished window takes them out"
                    + " at once (the 'max between files' column). Peak RSS is mostly Java heap (see 'RSS before'), so a few"
                    + " MB of file pages can drown in heap growth there. madvise DONTNEED does not evict the page cache;"
                    + " only the optional posix_fadvise drop does (page cache after ~0), and the next parse of those files"
                    + " pays with disk reads. WILLNEED asks for the whole window to be read ahead, so a cold parse takes"
                    + " minor faults on pages already requested instead of a major fault at each read-ahead miss. Wall"
                    + " times are a fresh JVM after one JIT warm-up pass, not the parser's throughput (see 2d and 1b).\n");
            if (s.path("rows").size() > 0 && s.path("rows").get(0).path("extra").has("hwmReset")
                    && !s.path("rows").get(0).path("extra").path("hwmReset").asBoolean()) {
                md.append("- VmHWM could not be reset here: peak RSS includes the warm-up pass.\n");
            }
        }
        if (heap != null) {
            JsonNode e = heap.path("extra");
            double size = e.path("fileBytes").asDouble();
            md.append(String.format(Locale.ROOT, "\n### Peak heap, %s: `%s` (%,.0f bytes, %s)\n\n",
                    e.path("choice").asText(), heap.path("mode").asText(), size, e.path("documentType").asText()));
            md.append("| measure | bytes | x file size |\n|---|---|---|\n");
            row(md, "heap retained by the model after a full GC (default options, no XHTML kept)", e.path("retainedBytes").asDouble(), size);
            row(md, "largest heap occupancy before any GC during the parse (" + e.path("childHeap").asText() + ", "
                    + e.path("gcsDuringParse").asInt() + " GCs)", e.path("maxHeapBeforeGcBytes").asDouble(), size);
            row(md, "sum of the heap pools' peak usage during the parse (upper bound)", e.path("poolPeakSumBytes").asDouble(), size);
            row(md, "JVM heap in use before the parse (baseline, after a full GC)", e.path("heapUsedBeforeBytes").asDouble(), size);
            if (e.has("minXmxMiB")) {
                double min = e.path("minXmxMiB").asDouble() * (1 << 20);
                row(md, "smallest -Xmx at which the parse completes (default GC: " + e.path("gc").asText()
                        + "; includes the JVM's baseline)", min, size);
                md.append("\n-Xmx probes: ").append(e.path("xmxProbes").asText()).append(".\n");
                goal.accept(min <= 3 * size, String.format(Locale.ROOT, "SSG peak heap <= 3x file size (%s): the parse completes"
                        + " with -Xmx%dm = %.2fx the file; the model retains %.2fx", heap.path("mode").asText(),
                        e.path("minXmxMiB").asInt(), min / size, e.path("retainedBytes").asDouble() / size));
            } else {
                md.append("\nThe -Xmx search did not run (smoke mode) or found no -Xmx up to 1 GiB: ")
                        .append(e.path("xmxProbes").asText()).append(".\n");
            }
            md.append('\n');
        }
        for (JsonNode n : s.path("notes")) {
            md.append("- ").append(n.asText()).append('\n');
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String what, double bytes, double size) {
        md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f |\n", what, bytes, bytes / size));
    }

    private static ToDoubleFunction<JsonNode> x(String field) {
        return r -> r.path("extra").path(field).asDouble();
    }
}
