package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU contention as a real host has it: one busy shell loop per CPU, each a process in a session
 * of its own ({@code setsid}), at nice 0. With {@code kernel.sched_autogroup_enabled=1} each session
 * is its own autogroup, so the container's nice values do not rank it against them; only the
 * scheduler's fairness between groups, CPU placement or a real-time policy does.
 * Threading: the section's thread only.
 */
final class SessionCompetitors implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();

    SessionCompetitors(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            ProcessBuilder pb = new ProcessBuilder("setsid", "nice", "-n", "0", "sh", "-c", "while :; do :; done");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            processes.add(pb.start());
        }
    }

    /** For the notes: session ids and autogroups of the competitors vs this JVM (proves they are elsewhere). */
    String describe() {
        StringBuilder b = new StringBuilder();
        b.append(processes.size()).append(" busy `sh` loops at nice 0 started with setsid; this JVM: session ")
                .append(session(ProcessHandle.current().pid())).append(", ").append(autogroup(ProcessHandle.current().pid()))
                .append("; competitors:");
        for (Process p : processes) {
            b.append(" [session ").append(session(p.pid())).append(", ").append(autogroup(p.pid())).append(']');
        }
        return b.append(". sched_autogroup_enabled=").append(read(Path.of("/proc/sys/kernel/sched_autogroup_enabled")))
                .toString();
    }

    private static String session(long pid) {
        String s = read(Path.of("/proc/" + pid + "/stat"));
        try {
            return s.substring(s.lastIndexOf(')') + 2).split(" ")[3];
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String autogroup(long pid) {
        return read(Path.of("/proc/" + pid + "/autogroup"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
