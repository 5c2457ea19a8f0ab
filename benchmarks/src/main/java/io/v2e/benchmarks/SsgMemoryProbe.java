package io.v2e.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.SsgParser;
import io.v2e.ssg.embedded.EmbeddedSsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * The child JVM of {@link SsgMemorySection}: one measured run per process, so page faults and
 * peak RSS belong to that run only. Prints one line {@code RESULT <json>} on stdout.
 * <ul>
 * <li>{@code advice PROVIDER DROP_PAGE_CACHE cold|warm WARMUP_PASSES FILE...}: warm-up passes
 * (JIT), then the page cache is dropped (cold) or filled by reading every file (warm), then one
 * measured pass parses every file with the parser's default settings and the given provider.</li>
 * <li>{@code heap FILE}: one parse of FILE; the heap it retains after a full GC, the largest
 * heap occupancy seen before any GC during the parse. A too small -Xmx ends it with exit 3.</li>
 * </ul>
 */
public final class SsgMemoryProbe {

    /** Exit status when the parse ran out of heap. */
    static final int OUT_OF_MEMORY = 3;

    private SsgMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> out;
        try {
            out = switch (args[0]) {
                case "advice" -> advice(args[1], Boolean.parseBoolean(args[2]), args[3].equals("cold"),
                        Integer.parseInt(args[4]), files(args, 5));
                case "heap" -> heap(Path.of(args[1]));
                default -> throw new IllegalArgumentException("usage: advice|heap ...");
            };
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e.getMessage());
            System.exit(OUT_OF_MEMORY);
            return;
        }
        System.out.println("RESULT " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
        System.exit(0);
    }

    static SsgParser parser(TuningProvider provider, boolean dropPageCache) {
        // The shipped defaults (1 GiB windows, limits as in etc/io.v2e.ssg.parser.cfg) but drop_page_cache.
        return EmbeddedSsgParser.create(Map.of("drop_page_cache", dropPageCache), provider);
    }

    private static Map<String, Object> advice(String providerName, boolean drop, boolean cold, int warmups, List<Path> files)
            throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        TuningProvider provider = Providers.create(providerName);
        SsgParser parser = parser(provider, drop);
        for (int i = 0; i < warmups; i++) {
            for (Path f : files) {
                parser.parse(f);
            }
        }
        System.gc();
        // The Cleaner unmaps the warm-up's collected buffers asynchronously, and drop_caches skips
        // pages still mapped: give it a moment, and drop a second time if the corpus is still cached
        // (another process reading the same files can also refill it; the column shows what stayed).
        Thread.sleep(200);
        if (cold) {
            boolean dropped = dropCaches();
            if (dropped && residentBytes(files) > 0) {
                Thread.sleep(200);
                dropped = dropCaches();
            }
            r.put("cacheDropped", dropped);
        } else {
            readAll(files);
        }
        r.put("pageCacheBytesBefore", residentBytes(files));
        r.put("hwmReset", resetPeakRss());
        r.put("rssBeforeKb", Machine.statusKb("VmRSS"));
        r.put("rssFileBeforeKb", Machine.statusKb("RssFile"));
        List<Long> perFile = new ArrayList<>();
        long[] proc0 = Machine.pageFaults();
        long[] thread0 = threadPageFaults();
        long t0 = System.nanoTime();
        long bytes = 0;
        long elements = 0;
        List<String> advice = new ArrayList<>();
        long maxRssFile = Machine.statusKb("RssFile");
        for (Path f : files) {
            long t = System.nanoTime();
            ParseResult res = parser.parse(f);
            perFile.add(System.nanoTime() - t);
            if (res.statistics().elements() <= 0) {
                throw new IllegalStateException("no elements read from " + f);
            }
            // file-backed RSS between files: the mapped pages the process still holds (heap-independent)
            maxRssFile = Math.max(maxRssFile, Machine.statusKb("RssFile"));
            bytes += res.statistics().bytes();
            elements += res.statistics().elements();
            if (advice.isEmpty()) {
                res.statistics().advice().forEach(a -> advice.add(a.hint() + "=" + a.outcome()));
            }
        }
        long elapsed = System.nanoTime() - t0;
        long[] thread1 = threadPageFaults();
        long[] proc1 = Machine.pageFaults();
        r.put("vmHwmKb", Machine.statusKb("VmHWM"));
        r.put("rssAfterKb", Machine.statusKb("VmRSS"));
        r.put("maxRssFileKb", maxRssFile);
        r.put("pageCacheBytesAfter", residentBytes(files));
        r.put("provider", provider.name());
        r.put("advice", advice);
        r.put("files", files.size());
        r.put("bytes", bytes);
        r.put("elements", elements);
        r.put("wallMs", elapsed / 1e6);
        r.put("MBPerSec", bytes / 1e6 / (elapsed / 1e9));
        // CPU time of the parsing thread: less sensitive to other load than wall time; sys = kernel
        // work done for the thread (faults, madvise/fadvise, reads); 10 ms resolution
        r.put("threadUserMs", (thread1[2] - thread0[2]) * 10);
        r.put("threadSysMs", (thread1[3] - thread0[3]) * 10);
        r.put("threadMinorFaults", thread1[0] - thread0[0]);
        r.put("threadMajorFaults", thread1[1] - thread0[1]);
        r.put("processMinorFaults", proc1[0] - proc0[0]);
        r.put("processMajorFaults", proc1[1] - proc0[1]);
        r.put("perFileNanos", perFile);
        return r;
    }

    private static Map<String, Object> heap(Path file) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        SsgParser parser = parser(Providers.create("noop"), false);
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                pools.add(p);
            }
        }
        long before = usedAfterFullGc();
        GcPeaks peaks = GcPeaks.listen();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        ParseResult result = parser.parse(file);
        long poolPeakSum = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long usedAtEnd = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peaks.stop();
        long retained = usedAfterFullGc() - before;
        r.put("file", file.toString());
        r.put("fileBytes", Files.size(file));
        r.put("elements", result.statistics().elements());
        r.put("heapUsedBeforeBytes", before);
        r.put("retainedBytes", retained);
        r.put("maxHeapBeforeGcBytes", Math.max(peaks.maxUsedBeforeGc(), usedAtEnd));
        r.put("gcsDuringParse", peaks.count());
        r.put("poolPeakSumBytes", poolPeakSum);
        r.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        r.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName())
                .collect(java.util.stream.Collectors.joining(", ")));
        // keep the model reachable until the numbers are read
        r.put("documentType", result.document().getClass().getSimpleName());
        return r;
    }

    private static long usedAfterFullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<Path> files(String[] args, int from) {
        List<Path> files = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        return files;
    }

    /** sync, then drop clean page cache, dentries and inodes (root only); false when not permitted. */
    static boolean dropCaches() throws Exception {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        sync.waitFor(60, TimeUnit.SECONDS);
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Resets VmHWM to the current RSS (Linux >= 4.0, clear_refs value 5); false when refused. */
    static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5\n");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void readAll(List<Path> files) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                while (ch.read(buf.clear()) >= 0) {
                    // the pages land in the page cache
                }
            }
        }
    }

    /** Bytes of these files resident in the page cache, from util-linux {@code fincore}; -1 when unavailable. */
    static long residentBytes(List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("fincore", "--bytes", "--noheadings", "--output", "RES"));
        files.forEach(f -> cmd.add(f.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            long sum = 0;
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    sum += Long.parseLong(line.trim());
                }
            }
            return sum;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Minor and major faults, user and system time (clock ticks of 10 ms: USER_HZ is 100 on Linux)
     * of the calling thread: /proc/thread-self/stat fields 10, 12, 14, 15.
     */
    static long[] threadPageFaults() throws IOException {
        String s = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[7]), Long.parseLong(f[9]), Long.parseLong(f[11]), Long.parseLong(f[12])};
    }
}
