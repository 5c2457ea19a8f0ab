package io.v2e.broker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a thread's state from /proc, independently of any tuning provider (so it works with the
 * noop provider too). Returns null for anything it cannot read (not Linux, thread gone).
 */
final class ProcThread {

    private ProcThread() {
    }

    /** The calling thread's kernel id, from the /proc/thread-self link; -1 when unavailable. */
    static int currentTid() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Integer.parseInt(link.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Cpus_allowed_list of the process (its main thread). */
    static String processCpusAllowedList() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    /** Cpus_allowed_list of the thread, e.g. {@code 0-3}. */
    static String cpusAllowedList(int tid) {
        String status = read(tid, "status");
        if (status == null) {
            return null;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        return null;
    }

    /** The thread's nice value (field 19 of stat). */
    static Integer nice(int tid) {
        return statField(tid, 19);
    }

    /** The thread's scheduling policy number (field 41 of stat: 0 other, 1 fifo, 2 rr, 3 batch, 5 idle). */
    static Integer schedPolicy(int tid) {
        return statField(tid, 41);
    }

    /** The thread's real-time priority (field 40 of stat; 0 under a normal policy). */
    static Integer rtPriority(int tid) {
        return statField(tid, 40);
    }

    /** Field {@code field} (counting from 1) of the thread's stat file; null when it cannot be read. */
    private static Integer statField(int tid, int field) {
        String stat = read(tid, "stat");
        if (stat == null) {
            return null;
        }
        // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.valueOf(rest[field - 3]);
    }

    /** The CPU the thread last ran on (field 39 of stat). */
    static Integer lastCpu(int tid) {
        return statField(tid, 39);
    }

    private static String read(int tid, String file) {
        if (tid <= 0) {
            return null;
        }
        try {
            return Files.readString(Path.of("/proc/self/task/" + tid + "/" + file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
