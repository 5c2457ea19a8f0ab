package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.launcher.FileTrees;
import io.v2e.tuning.api.CpuSet;

/**
 * End-to-end: the assembled {@code distribution/target/v2e/bin/v2e} run as a process, from {@code /}
 * (so nothing depends on the current directory), the way an operator would use it.
 */
class DistributionIT {

    private static final Pattern ALLOWED_CPUS = Pattern.compile("(?m)^Allowed CPUs:\\s+(\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static V2e v2e;

    @BeforeAll
    static void distributionIsAssembled() {
        v2e = new V2e(ContainerBundles.distribution());
        assertTrue(Files.isExecutable(v2e.home().resolve("bin/v2e")), "bin/v2e is executable in " + v2e.home());
    }

    @Test
    void tuningInfoShowsJnrAndTheAllowedCpusThatTasksetReports() throws Exception {
        V2e.Result r = v2e.run("tuning:info");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().startsWith("Tuning provider: jnr "), "stdout holds the report and nothing before it\n" + r);
        assertEquals("", r.stderr(), "nothing on stderr for a successful command");
        Matcher m = ALLOWED_CPUS.matcher(r.stdout());
        assertTrue(m.find(), r.toString());
        assertEquals(tasksetOfAShell(), CpuSet.parse(m.group(1)), r.toString());
        System.out.println("one-shot `bin/v2e tuning:info`: " + r.millis() + " ms wall");
    }

    @Test
    void underTasksetCpu1TheAllowedCpusAreOne() throws Exception {
        assumeTrue(tasksetOfAShell().contains(1), "CPU 1 must be available to this test");
        V2e.Result r = v2e.run(List.of("taskset", "-c", "1"), Map.of(), "tuning:info", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode info = JSON.readTree(r.stdout());
        assertEquals("jnr", info.get("provider").asText());
        assertEquals("1", info.get("allowedCpus").asText());
        assertEquals("1", info.get("thread").get("affinity").get("value").asText());
        assertEquals("1", info.get("proc").get("processAffinity").asText());
    }

    @Test
    void asRootTheJnrProviderHasEveryOperationSupportedAndPermitted() throws Exception {
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t"), "runs as root");
        V2e.Result r = v2e.run("tuning:info", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode jnr = JSON.readTree(r.stdout()).get("providers").get(0);
        assertEquals("jnr", jnr.get("name").asText());
        // PAGE_CACHE_ADVICE: the provider opens files itself, bin/v2e passes no --add-opens
        for (String op : List.of("CPU_AFFINITY", "THREAD_NICE", "IO_PRIORITY", "MEMORY_ADVICE", "PAGE_CACHE_ADVICE")) {
            JsonNode c = jnr.get("capabilities").get(op);
            assertTrue(c.get("supported").asBoolean() && c.get("permitted").asBoolean(), op + ": " + c);
        }
    }

    @Test
    void unknownCommandExitsNonZeroWithTheErrorOnStderr() {
        V2e.Result r = v2e.run("tuning:nosuch");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("unknown command 'tuning:nosuch'"), r.toString());
        assertEquals("", r.stdout(), "no output for an unknown command");
    }

    @Test
    void aCommandThatFailsExitsOneWithItsErrorOnStderr() {
        V2e.Result r = v2e.run("tuning:info", "--no-such-flag");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("v2e: tuning:info failed: "), r.toString());
    }

    @Test
    void theBackgroundContainerBootsWithEtcAppliedAndStopsCleanlyWithExitZeroOnSigterm() throws Exception {
        V2e copy = V2e.copyOfDistribution("sigterm");
        Path out = copy.home().resolve("stdout.txt");
        Path err = copy.home().resolve("stderr.txt");
        Path log = copy.home().resolve("log/v2e.log");
        Path marker = copy.home().resolve("probe.marker");
        Files.copy(Path.of(System.getProperty("v2e.probe.jar")), copy.home().resolve("bundle/probe.jar"));
        Files.writeString(copy.home().resolve("etc/io.v2e.itests.probe.cfg"), "message = at-boot\n");
        long t0 = System.nanoTime();
        Process p = copy.startContainer(Map.of("JAVA_OPTS", "-Dv2e.probe.marker=" + marker), out, err);
        try {
            await("container boot").atMost(Duration.ofSeconds(30))
                    .until(() -> V2e.readOrEmpty(log).contains("container up"));
            long bootMs = (System.nanoTime() - t0) / 1_000_000;
            await("the boot probe with its etc/ configuration").atMost(Duration.ofSeconds(10))
                    .until(() -> V2e.readOrEmpty(marker).startsWith("state=active message=at-boot "));
            assertTrue(V2e.readOrEmpty(marker).endsWith(" changes=1\n"),
                    "etc/ is applied before SCR starts: one activation, already configured: "
                            + V2e.readOrEmpty(marker));
            assertTrue(p.isAlive(), "without a terminal the container keeps running");
            p.destroy();    // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the container stops within 20 s of SIGTERM");
            assertEquals(0, p.exitValue(), "exit status after SIGTERM\n" + V2e.readOrEmpty(err));
            assertTrue(V2e.readOrEmpty(log).contains("container stopped"), V2e.readOrEmpty(log));
            assertTrue(V2e.readOrEmpty(marker).startsWith("state=deactivated "),
                    "the framework stop deactivated the components: " + V2e.readOrEmpty(marker));
            assertEquals("", V2e.readOrEmpty(out), "framework output goes to log/, not stdout");
            assertEquals("", V2e.readOrEmpty(err), "a clean run prints no warnings");
            System.out.println("background container: up after " + bootMs + " ms (process start to log line)");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void binV2eClientReachesTheBrokerAndServesAnEndpointFromLibClientAlone() throws Exception {
        V2e copy = V2e.copyOfDistribution("client");
        Path socket = copy.home().resolve("run/v2e.sock");
        Process container = copy.startContainer(Map.of(), copy.home().resolve("stdout.txt"),
                copy.home().resolve("stderr.txt"));
        Process server = null;
        try {
            await("the socket").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket));
            Path client = copy.home().resolve("bin/v2e-client");
            // only lib/client/ (client, broker API, Jackson) is on its class path
            Process count = new ProcessBuilder(client.toString(), "request", "broker", "RPCGetMessageCount", "{}")
                    .redirectErrorStream(true).start();
            assertTrue(count.waitFor(30, TimeUnit.SECONDS));
            String countOut = new String(count.getInputStream().readAllBytes());
            assertEquals(0, count.exitValue(), countOut);
            assertTrue(countOut.matches("(?s)\\{\"count\":\\d+,\"delivered\":\\d+\\}\\s*"), countOut);

            server = new ProcessBuilder(client.toString(), "serve", "demo").redirectErrorStream(true).start();
            Process serverRef = server;
            await("demo served").atMost(Duration.ofSeconds(30)).until(() -> {
                Process probe = new ProcessBuilder(client.toString(), "request", "demo", "Echo", "{\"hello\":\"world\"}")
                        .redirectErrorStream(true).start();
                probe.waitFor(30, TimeUnit.SECONDS);
                String out = new String(probe.getInputStream().readAllBytes()).trim();
                return serverRef.isAlive() && probe.exitValue() == 0 && out.equals("{\"hello\":\"world\"}");
            });
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
            container.destroy();
            assertTrue(container.waitFor(20, TimeUnit.SECONDS));
            container.destroyForcibly();
        }
    }

    @Test
    void aBundleDroppedIntoDeployStartsItsEtcConfigAppliesLiveAndRemovingItUninstallsIt() throws Exception {
        V2e copy = V2e.copyOfDistribution("hot-deploy");
        Path marker = copy.home().resolve("probe.marker");
        Path deployed = copy.home().resolve("deploy/probe.jar");
        Path cfg = copy.home().resolve("etc/io.v2e.itests.probe.cfg");
        Path log = copy.home().resolve("log/v2e.log");
        Process p = copy.startContainer(Map.of("JAVA_OPTS", "-Dv2e.probe.marker=" + marker),
                copy.home().resolve("stdout.txt"), copy.home().resolve("stderr.txt"));
        try {
            await("container boot").atMost(Duration.ofSeconds(30))
                    .until(() -> V2e.readOrEmpty(log).contains("container up"));
            assertFalse(Files.exists(marker), "no probe before it is deployed");

            dropAtomically(Path.of(System.getProperty("v2e.probe.jar")), deployed);
            long installMs = V2e.timed("probe activation after the jar was dropped into deploy/", Duration.ofSeconds(10),
                    () -> V2e.readOrEmpty(marker).startsWith("state=active message=default "));
            long bundleId = bundleIdOf(V2e.readOrEmpty(marker));
            Path bundleCache = copy.home().resolve("run/cache/bundle" + bundleId);
            assertTrue(Files.isDirectory(bundleCache), "the framework cache holds the installed bundle " + bundleId);

            writeAtomically(cfg, "# probe configuration\nmessage = first\n");
            long configMs = V2e.timed("configuration from etc/ reaching the component", Duration.ofSeconds(10),
                    () -> V2e.readOrEmpty(marker).startsWith("state=active message=first "));

            writeAtomically(cfg, "message = second-value\n");
            long changeMs = V2e.timed("changed configuration reaching the component", Duration.ofSeconds(10),
                    () -> V2e.readOrEmpty(marker).startsWith("state=active message=second-value "));
            assertEquals(bundleId, bundleIdOf(V2e.readOrEmpty(marker)), "same bundle, reconfigured without reinstall");

            Files.delete(cfg);
            await("the component back on its defaults after its .cfg was deleted").atMost(Duration.ofSeconds(10))
                    .until(() -> V2e.readOrEmpty(marker).startsWith("state=active message=default "));

            Files.delete(deployed);
            long removeMs = V2e.timed("the probe's deactivation after its jar left deploy/", Duration.ofSeconds(10),
                    () -> V2e.readOrEmpty(marker).startsWith("state=deactivated "));
            await("the uninstalled bundle's cache directory to go").atMost(Duration.ofSeconds(10))
                    .until(() -> !Files.exists(bundleCache));
            assertTrue(p.isAlive(), "the container ran throughout, no restart");

            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            System.out.printf("hot deploy: install+start %d ms, new .cfg %d ms, changed .cfg %d ms, removal %d ms%n",
                    installMs, configMs, changeMs, removeMs);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void onJava25TheCommandRunsWithNativeAccessEnabledAndNoWarnings() throws Exception {
        Path java25 = Path.of(System.getProperty("v2e.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(java25.resolve("bin/java")), "a Java 25 JDK at " + java25);
        V2e.Result r = v2e.run(List.of(), Map.of("JAVA_HOME", java25.toString()), "tuning:info", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr(), "no restricted-method or other JVM warnings");
        assertEquals("jnr", JSON.readTree(r.stdout()).get("provider").asText());
    }

    @Test
    void withATerminalOnStdinTheContainerOpensAGogoShellWithLineEditing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) provides the terminal");
        V2e copy = V2e.copyOfDistribution("shell");
        // script(1) runs bin/v2e on a pseudo-terminal; -e passes on its exit status
        Process p = new ProcessBuilder("/usr/bin/script", "-qfec", copy.home().resolve("bin/v2e").toString(),
                "/dev/null").redirectErrorStream(true).start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (var in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    screen.append(new String(buf, 0, n));
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try (var keyboard = p.getOutputStream()) {
            // JLine's line reader is waiting once it switched on bracketed paste (ESC[?2004h)
            await("the shell's prompt").atMost(Duration.ofSeconds(30))
                    .until(() -> screen.indexOf("\u001b[?2004h") >= 0);
            keyboard.write("tuning:info\r".getBytes());
            keyboard.flush();
            await("tuning:info output in the shell").atMost(Duration.ofSeconds(10))
                    .until(() -> screen.indexOf("Tuning provider: jnr") >= 0);
            keyboard.write("exit 0\r".getBytes());
            keyboard.flush();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exit 0 stops the container\n" + screen);
        } finally {
            p.destroyForcibly();
        }
        reader.join(5_000);
        assertEquals(0, p.exitValue(), screen.toString());
        String log = V2e.readOrEmpty(copy.home().resolve("log/v2e.log"));
        assertTrue(log.contains("mode SHELL"), log);
        assertFalse(log.contains("Unable to create a system terminal"), "JLine found a real terminal\n" + log);
    }

    @Test
    void theArchiveUnpacksToARunnableV2eFolderWithTheSameBundles() throws Exception {
        Path archive = Path.of(System.getProperty("v2e.dist.archive"));
        Path into = Path.of(System.getProperty("v2e.it.work", "target/it-work")).toAbsolutePath().resolve("archive");
        FileTrees.delete(into);
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String tarOutput = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), tarOutput);
        Path unpacked = into.resolve("v2e");
        assertEquals(fileNames(v2e.home().resolve("bundle")), fileNames(unpacked.resolve("bundle")));
        V2e.Result r = new V2e(unpacked).run("tuning:info", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("jnr", JSON.readTree(r.stdout()).get("provider").asText());
    }

    private static List<String> fileNames(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code sh -c 'taskset -cp $$'}: the CPU list a shell started from here may use. */
    private static CpuSet tasksetOfAShell() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "taskset -cp $$").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), text);
        // "pid 123's current affinity list: 0,1"
        return CpuSet.parse(text.substring(text.lastIndexOf(':') + 1).trim());
    }

    private static long bundleIdOf(String markerLine) {
        Matcher m = Pattern.compile("bundle=(\\d+)").matcher(markerLine);
        assertTrue(m.find(), markerLine);
        return Long.parseLong(m.group(1));
    }

    /** FileInstall only acts on *.jar and *.cfg, so a temporary name keeps half-written files invisible. */
    private static void dropAtomically(Path source, Path target) throws Exception {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path target, String content) throws Exception {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits with Awaitility, polling every 25 ms, and returns how many milliseconds the effect took. */
}
