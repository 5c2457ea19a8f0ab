package io.v2e.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * End-to-end logging of the assembled distribution: one format for every source, levels set live
 * in etc/logback.xml, rotation, and a broken logging file that does not stop the container.
 */
class LoggingIT {

    /** The header of every record; a continuation line (stack trace, multi-line message) starts with a tab. */
    private static final Pattern RECORD = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
            + "(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^\\]]*\\] \\S+ - .*");
    private static final Pattern TRANSPORT_DEBUG = Pattern.compile("(?m)^\\S+ DEBUG \\[[^\\]]*\\] io\\.v2e\\.transport - ");

    @Test
    void everyLineOfTheContainerLogHasTheOneFormatAndFrameworkFileInstallScrAndV2eBundlesWriteThere() throws Exception {
        V2e copy = V2e.copyOfDistribution("logging-format");
        Path log = copy.home().resolve("log/v2e.log");
        Process p = start(copy);
        try {
            V2e.timed("container boot", Duration.ofSeconds(30), () -> V2e.readOrEmpty(log).contains("container up"));
            stop(p);
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        List<String> odd = lines.stream().filter(l -> !RECORD.matcher(l).matches() && !l.startsWith("\t"))
                .collect(Collectors.toList());
        assertEquals(List.of(), odd, "lines outside the one format in\n" + String.join("\n", lines));
        assertTrue(RECORD.matcher(lines.get(0)).matches(), "the file starts with a record: " + lines.get(0));
        for (String logger : List.of("Events.Framework.org.apache.felix.framework", "LogService.org.apache.felix.fileinstall",
                "org.apache.felix.scr", "io.v2e.tuning.select", "io.v2e.transport", "io.v2e.launcher")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("] " + logger + " - ")),
                    "a line of logger " + logger + " in\n" + String.join("\n", lines));
        }
        assertEquals("", V2e.readOrEmpty(copy.home().resolve("stdout.txt")), "nothing on stdout");
        assertEquals("", V2e.readOrEmpty(copy.home().resolve("stderr.txt")), "nothing on stderr");
    }

    @Test
    void aLevelRaisedInEtcWhileRunningMakesTheTransportDebugLinesAppearAndLoweringItAgainStopsThem() throws Exception {
        V2e copy = V2e.copyOfDistribution("logging-live-level");
        Path log = copy.home().resolve("log/v2e.log");
        Path config = copy.home().resolve("etc/logback.xml");
        String shipped = Files.readString(config);
        Path socket = copy.home().resolve("run/v2e.sock");
        Process p = start(copy);
        try {
            V2e.timed("container boot", Duration.ofSeconds(30), () -> V2e.readOrEmpty(log).contains("container up"));
            connectAndClose(socket);
            Thread.sleep(500);
            assertFalse(TRANSPORT_DEBUG.matcher(V2e.readOrEmpty(log)).find(), "no DEBUG at the shipped INFO");

            writeAtomically(config, withTransportLevel(shipped, "DEBUG"));
            long ms = V2e.timed("a transport DEBUG line after the level was raised in etc/logback.xml",
                    Duration.ofSeconds(15), () -> {
                        connectAndClose(socket);       // each closed connection logs one DEBUG line
                        return TRANSPORT_DEBUG.matcher(V2e.readOrEmpty(log)).find();
                    });

            writeAtomically(config, shipped);
            // The reload is done once a connection closed after it logs nothing: wait for a quiet one.
            V2e.timed("transport DEBUG lines to stop after the level went back to INFO", Duration.ofSeconds(15), () -> {
                long before = TRANSPORT_DEBUG.matcher(V2e.readOrEmpty(log)).results().count();
                connectAndClose(socket);
                sleep(300);
                return TRANSPORT_DEBUG.matcher(V2e.readOrEmpty(log)).results().count() == before;
            });
            long settled = TRANSPORT_DEBUG.matcher(V2e.readOrEmpty(log)).results().count();
            for (int i = 0; i < 3; i++) {
                connectAndClose(socket);
            }
            Thread.sleep(500);
            assertEquals(settled, TRANSPORT_DEBUG.matcher(V2e.readOrEmpty(log)).results().count(),
                    "no new DEBUG lines at INFO");
            assertTrue(p.isAlive(), "no restart");
            System.out.println("live level change: DEBUG visible " + ms + " ms after the edit");
            stop(p);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theLogRotatesIntoCompressedArchivesAtTheSizeLimitAndTheOldestGoPastTheTotalCap() throws Exception {
        V2e copy = V2e.copyOfDistribution("logging-rotation");
        Path config = copy.home().resolve("etc/logback.xml");
        String shipped = Files.readString(config);
        // tiny limits, and the bundle events on for enough lines to roll about a dozen times during a boot
        String tiny = shipped.replace("<maxFileSize>10MB</maxFileSize>", "<maxFileSize>1KB</maxFileSize>")
                .replace("<totalSizeCap>100MB</totalSizeCap>", "<totalSizeCap>1KB</totalSizeCap>")
                .replace("<logger name=\"Events.Bundle\" level=\"WARN\"/>", "<logger name=\"Events.Bundle\" level=\"INFO\"/>");
        assertTrue(tiny.contains("<maxFileSize>1KB<") && tiny.contains("<totalSizeCap>1KB<")
                && tiny.contains("\"Events.Bundle\" level=\"INFO\""), "the shipped defaults changed:\n" + shipped);
        Files.writeString(config, tiny);
        Path logDir = copy.home().resolve("log");
        Process p = start(copy);
        try {
            V2e.timed("eight rollovers during the boot", Duration.ofSeconds(30),
                    () -> archives(logDir).stream().anyMatch(a -> a.getFileName().toString().endsWith(".8.log.gz")));
            stop(p);
        } finally {
            p.destroyForcibly();
        }
        List<Path> archives = archives(logDir);
        long largest = 0;
        long total = 0;
        for (Path archive : archives) {
            String name = archive.getFileName().toString();
            assertTrue(name.matches("v2e\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log\\.gz"), name);
            String text = gunzip(archive);
            assertTrue(text.lines().allMatch(l -> RECORD.matcher(l).matches() || l.startsWith("\t")),
                    archive + " holds records of the one format:\n" + text);
            // a file rolls at the first record past the limit: at most the limit plus one record
            assertTrue(text.length() < 1024 + 1024, archive + " has " + text.length() + " chars");
            largest = Math.max(largest, Files.size(archive));
            total += Files.size(archive);
        }
        assertFalse(archives.stream().anyMatch(a -> a.getFileName().toString().endsWith(".0.log.gz")),
                "the oldest archive was deleted for the total cap: " + archives);
        assertTrue(total <= 1024 + 2 * largest, "archives bounded by totalSizeCap (1 KB): " + total + " bytes");
        assertTrue(Files.size(logDir.resolve("v2e.log")) < 1024 + 1024, "the live file stays small");
    }

    @Test
    void aLoggingFileBrokenWhileRunningIsReportedOnStderrAndInTheLogAndThePreviousConfigurationStays() throws Exception {
        V2e copy = V2e.copyOfDistribution("logging-broken-live");
        Path log = copy.home().resolve("log/v2e.log");
        Path config = copy.home().resolve("etc/logback.xml");
        Path err = copy.home().resolve("stderr.txt");
        Path socket = copy.home().resolve("run/v2e.sock");
        Process p = start(copy);
        try {
            V2e.timed("container boot", Duration.ofSeconds(30), () -> V2e.readOrEmpty(log).contains("container up"));
            writeAtomically(config, "<configuration scan=\"true\" scanPeriod=\"1 seconds\"><logger name=\"x\"\n");
            V2e.timed("the parse error on stderr", Duration.ofSeconds(15),
                    () -> V2e.readOrEmpty(err).contains("v2e: logging configuration " + config + ": "));
            assertTrue(V2e.readOrEmpty(err).contains("XML"), V2e.readOrEmpty(err));
            V2e.timed("the parse error in the log", Duration.ofSeconds(5), () -> V2e.readOrEmpty(log)
                    .lines().anyMatch(l -> l.contains(" ERROR ") && l.contains("io.v2e.launcher.logging - logging configuration ")));
            assertTrue(p.isAlive(), "the container keeps running");
            // the previous configuration still writes the file: a new record appears after the error
            int before = V2e.readOrEmpty(log).length();
            Files.copy(Path.of(System.getProperty("v2e.probe.jar")), copy.home().resolve("deploy/probe.jar"));
            V2e.timed("FileInstall's install record, logged with the previous configuration", Duration.ofSeconds(15),
                    () -> V2e.readOrEmpty(log).substring(before).contains("LogService.org.apache.felix.fileinstall - "));
            connectAndClose(socket);
            stop(p);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aOneShotCommandWithAnUnparsableLoggingFileStillRunsAndNamesTheProblemOnStderr() throws Exception {
        V2e copy = V2e.copyOfDistribution("logging-broken-boot");
        Path config = copy.home().resolve("etc/logback.xml");
        Files.writeString(config, "<configuration><root level=\"INFO\">\n");
        V2e.Result r = copy.run("tuning:info");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().startsWith("Tuning provider: "), "the command's output, unchanged\n" + r);
        assertTrue(r.stderr().startsWith("v2e: logging configuration " + config + " is not usable"), r.toString());
        String log = V2e.readOrEmpty(copy.home().resolve("log/command.log"));
        assertTrue(log.contains("io.v2e.launcher - 'tuning:info' exited 0"), "the built-in default still logs:\n" + log);
    }

    private static Process start(V2e copy) throws IOException {
        return copy.startContainer(Map.of(), copy.home().resolve("stdout.txt"), copy.home().resolve("stderr.txt"));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the container stops on SIGTERM");
        assertEquals(0, p.exitValue());
    }

    private static String withTransportLevel(String config, String level) {
        String marker = "<root level=";
        assertTrue(config.contains(marker), "the shipped etc/logback.xml has a root logger");
        return config.replace(marker, "<logger name=\"io.v2e.transport\" level=\"" + level + "\"/>\n  " + marker);
    }

    private static void connectAndClose(Path socket) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.finishConnect();
        } catch (IOException e) {
            throw new AssertionError("cannot connect to " + socket, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Path> archives(Path logDir) {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log.gz")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String gunzip(Path archive) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(archive)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";      // still being written by the rollover
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
