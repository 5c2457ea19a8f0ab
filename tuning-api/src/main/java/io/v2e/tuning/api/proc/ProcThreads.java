package io.v2e.tuning.api.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.v2e.tuning.api.CpuSet;

/**
 * Reads threads of this process from /proc: {@code /proc/thread-self} for the calling thread,
 * {@code /proc/self/task/<tid>} for any other, {@code /proc/self} for the process (its main
 * thread), {@code /proc/<pid>/task/<tid>} for another process's threads. Every method answers empty for what it cannot read (not Linux, thread gone, field
 * missing) and never throws. Stateless; any thread may call it.
 */
public final class ProcThreads {

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final Path PROC = Path.of("/proc");
    private static final Path SELF = Path.of("/proc/self");
    private static final String CPUS_ALLOWED_LIST = "Cpus_allowed_list:";

    private ProcThreads() {
    }

    /** The calling thread's kernel id: {@code /proc/thread-self} links to {@code PID/task/TID}. */
    public static Optional<Integer> currentTid() {
        try {
            return Optional.of(Integer.parseInt(Files.readSymbolicLink(THREAD_SELF).getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The calling thread's stat. */
    public static Optional<ThreadStat> currentStat() {
        return read(THREAD_SELF.resolve("stat")).flatMap(ThreadStat::parse);
    }

    /** The stat of thread {@code tid} of this process. */
    public static Optional<ThreadStat> stat(int tid) {
        return task(tid, "stat").flatMap(ThreadStat::parse);
    }

    /**
     * The thread ids of process {@code pid} ({@code /proc/PID/task}), ascending; empty when the
     * process does not exist (or is not visible). Since 1.1.
     */
    public static List<Integer> tasksOf(int pid) {
        if (pid <= 0) {
            return List.of();
        }
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Integer.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                try {
                    tids.add(Integer.parseInt(task.getFileName().toString()));
                } catch (NumberFormatException e) {
                    // not a task directory
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Collections.sort(tids);
        return tids;
    }

    /** The stat of thread {@code tid} of process {@code pid}. Since 1.1. */
    public static Optional<ThreadStat> stat(int pid, int tid) {
        return task(pid, tid, "stat").flatMap(ThreadStat::parse);
    }

    /** The Cpus_allowed_list of thread {@code tid} of process {@code pid}. Since 1.1. */
    public static Optional<String> cpusAllowedList(int pid, int tid) {
        return task(pid, tid, "status").flatMap(ProcThreads::cpusAllowedListOf);
    }

    /** The calling thread's Cpus_allowed_list, e.g. {@code 0-3,6}. */
    public static Optional<String> currentCpusAllowedList() {
        return read(THREAD_SELF.resolve("status")).flatMap(ProcThreads::cpusAllowedListOf);
    }

    /** The Cpus_allowed_list of thread {@code tid} of this process. */
    public static Optional<String> cpusAllowedList(int tid) {
        return task(tid, "status").flatMap(ProcThreads::cpusAllowedListOf);
    }

    /**
     * The process's Cpus_allowed_list (its main thread's, which is what sched_getaffinity(pid)
     * returns: taskset and cgroup cpusets included).
     */
    public static Optional<String> processCpusAllowedList() {
        return read(SELF.resolve("status")).flatMap(ProcThreads::cpusAllowedListOf);
    }

    /**
     * The CPUs this process may use, for callers without a provider to ask: the process's
     * Cpus_allowed_list (taskset and cgroup cpusets honoured), else, where /proc cannot tell, CPUs
     * 0..N-1 for the JVM's processor count. Never empty. Since 1.2.
     */
    public static CpuSet processCpus() {
        String list = processCpusAllowedList().orElse(null);
        if (list != null) {
            try {
                CpuSet cpus = CpuSet.parse(list);
                if (!cpus.isEmpty()) {
                    return cpus;
                }
            } catch (IllegalArgumentException e) {
                // fall through to the JVM's count
            }
        }
        return CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The Cpus_allowed_list line of a status file's text, trimmed. */
    public static Optional<String> cpusAllowedListOf(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(CPUS_ALLOWED_LIST)) {
                return Optional.of(line.substring(CPUS_ALLOWED_LIST.length()).trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> task(int pid, int tid, String file) {
        return pid <= 0 || tid <= 0 ? Optional.empty()
                : read(PROC.resolve(Integer.toString(pid)).resolve("task").resolve(Integer.toString(tid)).resolve(file));
    }

    private static Optional<String> task(int tid, String file) {
        return tid <= 0 ? Optional.empty() : read(SELF.resolve("task").resolve(Integer.toString(tid)).resolve(file));
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
