package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Section e: the broker as a user of the distribution gets it. A fresh copy of
 * distribution/target/v2e gets the bench bundle (benchmarks/bench-bundle) in bundle/, then
 * {@code bin/v2e bench:broker} (one-shot command mode) measures the container's own Broker
 * service from inside the container, once with the distribution's provider selection (auto: jnr
 * on Linux) and once with provider = noop (what the plain-JVM inprocess rows use). Same offered
 * rate, payload, run length and handler work as the inprocess section.
 * <p>
 * The container runs as a child of this JVM, so its CPU time counts as this section's own in the
 * "other processes" measurement. Paths: -Dv2e.dist.dir (the assembled distribution) and
 * -Dv2e.bench.bundle (the bench bundle jar).
 */
final class ContainerSection {

    /** One-shot commands get C1 only and SerialGC from bin/v2e; these JAVA_OPTS (appended, so they win) undo both. */
    static final String JAVA_OPTS = "-XX:TieredStopAtLevel=4 -XX:+UseG1GC";
    static final List<String> PROVIDERS = List.of("auto", "noop");
    private static final int MAX_REPEATS = 3;
    /** The copy that also measures Felix EventAdmin (postEvent, Timeout=0) in the same container. */
    static final String EVENTADMIN_WITH = "noop";

    private ContainerSection() {
    }

    static Path distDir() {
        return Path.of(System.getProperty("v2e.dist.dir", "distribution/target/v2e"));
    }

    static Path benchBundle() {
        return Path.of(System.getProperty("v2e.bench.bundle", "benchmarks/bench-bundle/target/bench-bundle-0.1.0-SNAPSHOT.jar"));
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("container");
        Path dist = distDir();
        Path bundle = benchBundle();
        if (!Files.isExecutable(dist.resolve("bin/v2e")) || !Files.isRegularFile(bundle)) {
            throw new IllegalStateException("the container section needs the assembled distribution (" + dist
                    + "/bin/v2e) and the bench bundle (" + bundle + "): build with mvn -pl benchmarks -am package");
        }
        int repeats = Math.min(o.repeats(), MAX_REPEATS);
        List<String> command = List.of("bench:broker", "--rate", fmt(InProcessSection.RATE), "--seconds", fmt(o.runSeconds()),
                "--warmup", fmt(o.warmupSeconds()), "--repeats", Integer.toString(repeats), "--drain", fmt(o.drainSeconds()));
        for (String provider : PROVIDERS) {
            Path home = o.work().resolve("v2e-container");     // its own copy: the socket section uses work/v2e
            Path json = o.out().resolve("container-" + provider + ".json");
            Files.deleteIfExists(json);
            prepare(dist, bundle, home, provider);
            List<String> argv = new ArrayList<>();
            argv.add(home.resolve("bin/v2e").toString());
            argv.addAll(command);
            if (provider.equals(EVENTADMIN_WITH)) {
                addEventAdmin(o.eventAdmin(), home);
                argv.add("--eventadmin");
            }
            argv.add("--json");
            argv.add(json.toAbsolutePath().toString());
            long t0 = System.nanoTime();
            // Recorded like every plain-JVM section (settings=profile), so the overhead is the same on both sides.
            Path jfr = o.out().resolve("container-" + provider + ".jfr").toAbsolutePath();
            Files.deleteIfExists(jfr);
            int exit = launch(argv, o.out().resolve("container-" + provider + ".log"),
                    JAVA_OPTS + " -XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            double wall = (System.nanoTime() - t0) / 1e9;
            if (exit != 0 || !Files.exists(json)) {
                r.note(String.format(Locale.ROOT, "provider=%s: `bin/v2e %s` FAILED (exit %d, no results); see results/container-%s.log",
                        provider, String.join(" ", command), exit, provider));
                continue;
            }
            addRuns(r, provider, Results.JSON.readTree(json.toFile()), wall);
        }
        r.note("Command (one-shot mode of the distribution, bench bundle dropped into bundle/ of a fresh copy): `JAVA_OPTS='"
                + JAVA_OPTS + "' bin/v2e " + String.join(" ", command) + " --json FILE`. bin/v2e gives one-shot commands"
                + " -XX:TieredStopAtLevel=1 and SerialGC for a fast start; JAVA_OPTS comes last on the java command line, so"
                + " the bench runs with C2 and G1 (read back from the JVM: see 'JVM' below), with the distribution's -Xmx512m."
                + " The container JVM also records JFR (settings=profile, results/container-PROVIDER.jfr) like the plain-JVM"
                + " sections.");
        r.note("provider=auto is the distribution's etc/io.v2e.tuning.cfg as shipped; provider=noop edits that file in the"
                + " copy so the container's workers are untuned, like the plain-JVM inprocess rows (which use noop).");
        r.note("provider=" + EVENTADMIN_WITH + " also runs `--eventadmin`: Felix EventAdmin 1.6.4 dropped into the copy's"
                + " bundle/ with org.apache.felix.eventadmin.Timeout=0 in conf/framework.properties, measured right after the"
                + " broker in the same container JVM with the same payload, handler work, rate and run lengths (postEvent:"
                + " asynchronous, like the broker's send).");
        r.note("At most " + MAX_REPEATS + " fixed + max pairs per provider (the container section's time budget); the"
                + " wall time per call includes the container's boot and stop.");
        return r;
    }

    /** A fresh copy of the distribution with the bench bundle in bundle/ and the provider selection set. */
    static void prepare(Path dist, Path bundle, Path home, String provider) throws IOException {
        V2eContainer.freshCopy(dist, home);
        Files.copy(bundle, home.resolve("bundle").resolve(bundle.getFileName()));
        Path cfg = home.resolve("etc/io.v2e.tuning.cfg");
        String text = Files.readString(cfg);
        String changed = text.replaceAll("(?m)^provider\\s*=.*$", "provider = " + provider);
        if (!changed.contains("provider = " + provider)) {
            throw new IllegalStateException(cfg + " has no 'provider =' line to set to " + provider);
        }
        Files.writeString(cfg, changed);
    }

    /** EventAdmin into bundle/, with its timeout watcher off (Timeout=0, its fastest setting, as the plain-JVM peer). */
    static void addEventAdmin(Path eventAdminJar, Path home) throws IOException {
        if (!Files.isRegularFile(eventAdminJar)) {
            throw new IllegalStateException("EventAdmin bundle not found at " + eventAdminJar + " (set -Dv2e.eventadmin.bundle)");
        }
        Files.copy(eventAdminJar, home.resolve("bundle").resolve(eventAdminJar.getFileName()));
        Files.writeString(home.resolve("conf/framework.properties"), "\n# benchmark: EventAdmin without its per-handler"
                + " timeout watcher\norg.apache.felix.eventadmin.Timeout=0\n", java.nio.file.StandardOpenOption.APPEND);
    }

    private static int launch(List<String> argv, Path log, String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_OPTS", javaOpts);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));     // the harness's JDK
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return -1;
        }
        return p.exitValue();
    }

    private static void addRuns(Results r, String requested, JsonNode doc, double wallSeconds) {
        String bound = doc.path("provider").asText("?");
        JsonNode jvm = doc.path("jvm");
        for (JsonNode run : doc.path("runs")) {
            String measured = run.path("system").asText();
            String system = measured.equals("broker") ? "broker-in-container(" + bound + ")" : measured + "-in-container";
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("provider", bound);
            extra.put("c2", jvm.path("c2").asBoolean());
            Row row = new Row(r.section, requested, system, run.path("mode").asText(), run.path("repeat").asInt(),
                    run.path("offeredPerSec").asDouble(), run.path("sent").asLong(), run.path("delivered").asLong(),
                    run.path("saturated").asBoolean(), run.path("throughputPerSec").asDouble(), run.path("p50Us").asDouble(),
                    run.path("p99Us").asDouble(), run.path("p999Us").asDouble(), run.path("maxUs").asDouble(),
                    run.path("meanUs").asDouble(), run.path("stddevUs").asDouble(), extra);
            r.add(row, decode(run.path("histogram").asText()));
        }
        StringBuilder workers = new StringBuilder();
        for (JsonNode w : doc.path("workers").path("workers")) {
            workers.append(String.format(Locale.ROOT, "%s cpus %s nice %s io %s; ", w.path("name").asText(),
                    w.path("proc").path("cpus_allowed_list").asText("?"), w.path("proc").path("nice").asText("?"),
                    w.path("outcomes").path("io_priority").asText("?")));
        }
        r.note(String.format(Locale.ROOT, "provider=%s: the broker reports provider %s; workers (read back from /proc by the"
                + " broker's RPCGetWorkers): %s JVM %s, collectors %s, TieredStopAtLevel %d; %.1f s wall for the call.",
                requested, bound, workers, jvm.path("vm").asText(), jvm.path("collectors"), jvm.path("tieredStopAtLevel").asInt(),
                wallSeconds));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("a run's histogram in the bench command's JSON is corrupt: " + e.getMessage(), e);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
