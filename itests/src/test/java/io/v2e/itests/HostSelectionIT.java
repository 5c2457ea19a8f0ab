package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Per-host provider selection as an operator uses it: {@code etc/io.v2e.tuning.cfg} edited while
 * {@code bin/v2e} runs, checked from outside the JVM (/proc/PID/task/TID and {@code ionice -p});
 * and a host without CAP_SYS_NICE / CAP_SYS_ADMIN.
 */
class HostSelectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The capabilities negative nice and the real-time I/O class need, dropped for good by setpriv. */
    private static final List<String> UNPRIVILEGED = List.of("setpriv", "--inh-caps=-sys_nice,-sys_admin",
            "--bounding-set=-sys_nice,-sys_admin", "--");
    private static V2e v2e;

    @BeforeAll
    static void distributionIsAssembled() {
        v2e = new V2e(ContainerBundles.distribution());
    }

    @Test
    void theShippedSelectionIsAutoAndTuningInfoSaysWhyAndWhatEachProviderCosts() {
        V2e.Result r = v2e.run("tuning:info");
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.stdout();
        assertTrue(out.startsWith("Tuning provider: jnr "), out);
        assertTrue(out.contains("Selection:       provider = auto (etc/io.v2e.tuning.cfg)\n"), out);
        assertTrue(out.contains("Binding reason:  auto: jnr has the highest service.ranking (300)"), out);
        List<String> names = new ArrayList<>(List.of("jnr", "jna", "noop"));
        if (Runtime.version().feature() >= 22) {
            names.add(1, "ffm"); // built and shipped only on JDK 22+
        }
        List<String> lines = out.lines().filter(l -> l.matches("[* ] \\w+ +service\\.ranking .*")).toList();
        assertEquals(names, lines.stream().map(l -> l.substring(2).split(" +")[0]).toList(), out);
        for (String l : lines) {
            assertTrue(l.matches(".* call cost \\d+ ns"), "measured call cost: " + l);
        }
    }

    @Test
    void editingTheSelectionFileWhileTheContainerRunsMovesTheWorkers() throws Exception {
        V2e copy = V2e.copyOfDistribution("selection");
        Path cfg = copy.home().resolve("etc/io.v2e.tuning.cfg");
        Path log = copy.home().resolve("log/v2e.log");
        assertTrue(Files.readString(cfg).contains("\nprovider = auto\n"), "the shipped default");
        Process p = copy.startContainer(Map.of(), copy.home().resolve("stdout.txt"), copy.home().resolve("stderr.txt"));
        try {
            await("container boot").atMost(Duration.ofSeconds(30))
                    .until(() -> V2e.readOrEmpty(log).contains("container up"));
            long pid = p.pid(); // bin/v2e execs the JVM
            ThreadKernelState untuned = ThreadKernelState.of(pid, pid);
            awaitWorkers(pid, untuned, true);

            Files.writeString(cfg, "provider = noop\n");
            await("log: selected noop").atMost(Duration.ofSeconds(20))
                    .until(() -> V2e.readOrEmpty(log).contains("tuning provider: selected noop"));
            awaitWorkers(pid, untuned, false);

            Files.writeString(cfg, "provider = jna\n");
            await("log: selected jna").atMost(Duration.ofSeconds(20))
                    .until(() -> V2e.readOrEmpty(log).contains("tuning provider: selected jna"));
            awaitWorkers(pid, untuned, true);

            if (Runtime.version().feature() < 22) {
                Files.writeString(cfg, "provider = ffm\n");
                await("log: the ffm fallback").atMost(Duration.ofSeconds(20)).until(() -> V2e.readOrEmpty(log)
                        .contains("tuning provider: selected ffm: not available, using jnr"));
                awaitWorkers(pid, untuned, true);
            }
            assertTrue(p.isAlive());
            p.destroy();
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void withoutCapSysNiceEveryProviderReportsDeniedWhereTheKernelSaysSoAndTheBrokerStillRoutes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // the kernel's own answer for this privilege set, independent of any provider
        boolean kernelDeniesNice = exitOf(concat(UNPRIVILEGED, "sh", "-c", "renice -n -10 -p $$")) != 0;
        boolean kernelDeniesRealtimeIo = exitOf(concat(UNPRIVILEGED, "ionice", "-c", "1", "-n", "0", "true")) != 0;
        assertTrue(kernelDeniesNice && kernelDeniesRealtimeIo, "setpriv must drop the privileges for this test");

        V2e.Result info = v2e.run(UNPRIVILEGED, Map.of(), "tuning:info", "--json");
        assertEquals(0, info.exitCode(), info.toString());
        JsonNode providers = JSON.readTree(info.stdout()).get("providers");
        int real = 0;
        for (JsonNode p : providers) {
            JsonNode caps = p.get("capabilities");
            if (p.get("name").asText().equals("noop")) {
                assertFalse(caps.get("THREAD_NICE").get("supported").asBoolean(), p.toString());
                continue;
            }
            real++;
            assertTrue(caps.get("CPU_AFFINITY").get("permitted").asBoolean(), "affinity needs no privilege: " + p);
            assertFalse(caps.get("THREAD_NICE").get("permitted").asBoolean(), p.toString());
            assertTrue(caps.get("THREAD_NICE").get("detail").asText().contains("EACCES"), p.toString());
            assertFalse(caps.get("IO_PRIORITY").get("permitted").asBoolean(), p.toString());
            assertTrue(caps.get("IO_PRIORITY").get("detail").asText().contains("EPERM"), p.toString());
        }
        assertTrue(real >= 2, "jnr and jna (and ffm on 22+) probed: " + providers);

        // the workers on each real provider, selected in etc/io.v2e.tuning.cfg
        for (JsonNode p : providers) {
            String name = p.get("name").asText();
            if (name.equals("noop")) {
                continue;
            }
            V2e host = V2e.copyOfDistribution("unprivileged-" + name);
            Files.writeString(host.home().resolve("etc/io.v2e.tuning.cfg"), "provider = " + name + "\n");
            // a negative nice (the default is 0) is what the kernel refuses without CAP_SYS_NICE
            Files.writeString(host.home().resolve("etc/io.v2e.broker.cfg"), "\nnice = -10\n", StandardOpenOption.APPEND);
            V2e.Result workers = host.run(UNPRIVILEGED, Map.of(), "broker:workers");
            assertEquals(0, workers.exitCode(), workers.toString());
            assertTrue(workers.stdout().startsWith("provider: " + name + "\n"), workers.toString());
            List<String> set = workers.stdout().lines().filter(l -> l.startsWith("  set:")).toList();
            assertFalse(set.isEmpty(), workers.toString());
            for (String l : set) {
                assertTrue(l.matches("  set: +affinity APPLIED, nice DENIED\\(EACCES.*, io DENIED\\(EPERM.*"), name + ": " + l);
            }
        }
        V2e.Result send = v2e.run(UNPRIVILEGED, Map.of(), "broker:send", "broker", "RPCGetMessageCount", "{}");
        assertEquals(0, send.exitCode(), send.toString());
        assertTrue(send.stdout().startsWith("{\"type\":\"response\",\"id\":\"RPCGetMessageCount\",\"payload\":{\"count\":1,"),
                send.toString());
    }

    // ---------------------------------------------------------------- helpers

    /** Waits until every broker worker of the JVM is tuned (one CPU, nice 0, realtime/0) or untuned. */
    private static void awaitWorkers(long pid, ThreadKernelState untuned, boolean tuned) throws Exception {
        List<ThreadKernelState> last = new ArrayList<>();
        await((tuned ? "tuned" : "untuned") + " workers; last seen " + last + ", untuned " + untuned).atMost(Duration.ofSeconds(30))
                .until(() -> {
                    last.clear();
                    last.addAll(workers(pid));
                    return !last.isEmpty() && last.stream().allMatch(w -> tuned
                            ? w.isTunedByDefaults() : w.equals(untuned));
                });
    }

    private static List<ThreadKernelState> workers(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            List<ThreadKernelState> out = new ArrayList<>();
            for (Path t : tasks.toList()) {
                String comm = V2e.readOrEmpty(t.resolve("comm")).trim();
                if (comm.startsWith("v2e-broker-wor")) { // comm holds 15 characters of the thread name
                    out.add(ThreadKernelState.of(pid, Long.parseLong(t.getFileName().toString())));
                }
            }
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<String> concat(List<String> prefix, String... more) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(more));
        return all;
    }

    private static int exitOf(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
