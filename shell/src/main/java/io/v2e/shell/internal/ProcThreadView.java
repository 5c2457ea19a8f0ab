package io.v2e.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.v2e.tuning.api.CpuSet;

/**
 * What /proc says about the calling thread and this process, read independently of any provider
 * (to cross-check what the provider reports). Every value is empty where /proc does not exist or
 * lacks the field. Call it on the thread you want to know about.
 *
 * @param tid              the calling thread's kernel id, from the /proc/thread-self link
 * @param threadAffinity   Cpus_allowed_list of /proc/thread-self/status
 * @param threadNice       field 19 of /proc/thread-self/stat
 * @param processAffinity  Cpus_allowed_list of /proc/self/status (the main thread's, which is what
 *                         sched_getaffinity(pid) returns)
 */
record ProcThreadView(Optional<Integer> tid, Optional<CpuSet> threadAffinity, Optional<Integer> threadNice,
        Optional<CpuSet> processAffinity) {

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final Path SELF = Path.of("/proc/self");
    /** stat fields after "(comm)": field 3 is state, so nice (field 19) is index 16. */
    private static final int NICE_INDEX_AFTER_COMM = 16;

    static ProcThreadView read() {
        return new ProcThreadView(readTid(), cpusAllowed(THREAD_SELF.resolve("status")),
                readNice(THREAD_SELF.resolve("stat")), cpusAllowed(SELF.resolve("status")));
    }

    /** /proc/thread-self links to "PID/task/TID". */
    private static Optional<Integer> readTid() {
        try {
            Path target = Files.readSymbolicLink(THREAD_SELF);
            return Optional.of(Integer.parseInt(target.getFileName().toString()));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<CpuSet> cpusAllowed(Path status) {
        return readString(status).flatMap(ProcThreadView::cpusAllowedOf);
    }

    static Optional<CpuSet> cpusAllowedOf(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return Optional.of(CpuSet.parse(line.substring("Cpus_allowed_list:".length()).trim()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> readNice(Path stat) {
        return readString(stat).flatMap(ProcThreadView::niceOf);
    }

    /** The comm field may hold spaces and parentheses, so fields are counted after the last ')'. */
    static Optional<Integer> niceOf(String statText) {
        int close = statText.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = statText.substring(close + 1).trim().split("\\s+");
        if (fields.length <= NICE_INDEX_AFTER_COMM) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(fields[NICE_INDEX_AFTER_COMM]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readString(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
