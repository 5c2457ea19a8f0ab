package io.v2e.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process the socket section starts and ends (a peer JVM, nats-server, the container): its
 * output goes to a log file; {@link #close} closes its stdin (peers exit on that), then SIGTERM,
 * then SIGKILL.
 * Threading: the section's thread only.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    /** True for peers, which exit when stdin closes; others get SIGTERM at once. */
    private final boolean exitsOnStdinClose;

    private ChildProcess(String name, Process process, Path log, boolean exitsOnStdinClose) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.exitsOnStdinClose = exitsOnStdinClose;
    }

    /** Starts {@code command} with its stdout and stderr appended to {@code log}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        return start(name, command, env, log, false);
    }

    private static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log,
            boolean exitsOnStdinClose) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new ChildProcess(name, pb.start(), log, exitsOnStdinClose);
    }

    /** A JVM running {@link SocketPeer} with this JVM's class path; returns once it printed "ready". */
    static ChildProcess peerJvm(String name, Path log, double timeoutSeconds, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-cp", System.getProperty("java.class.path"), SocketPeer.class.getName()));
        cmd.addAll(List.of(args));
        ChildProcess p = start(name, cmd, Map.of(), log, true);
        p.awaitLogLine(SocketPeer.READY, timeoutSeconds);
        return p;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits until a line of the log equals {@code line}; fails (with the log's end) if the process exits or time runs out. */
    void awaitLogLine(String line, double timeoutSeconds) throws IOException, InterruptedException {
        awaitCondition("print '" + line + "'", timeoutSeconds, () -> logHasLine(line));
    }

    void awaitCondition(String what, double timeoutSeconds, BooleanSupplier done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (!done.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited (status " + process.exitValue() + ") before it did " + what
                        + "; its log " + log + " ends with:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IOException(name + " did not " + what + " within " + timeoutSeconds + " s; log " + log + ":\n"
                        + tail());
            }
            Thread.sleep(20);
        }
    }

    private boolean logHasLine(String line) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.equals(line)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!exitsOnStdinClose || !process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroy(); // SIGTERM: the container stops its framework cleanly
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
