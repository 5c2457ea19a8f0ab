package io.v2e.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about this machine and process, read from /proc and the JVM. */
final class Machine {

    private Machine() {
    }

    static String loadAverage() {
        String s = read("/proc/loadavg");
        String[] f = s.trim().split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : s.trim();
    }

    static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /** A /proc/sys value (e.g. "kernel/sched_autogroup_enabled"), trimmed. */
    static String sysctl(String name) {
        return read("/proc/sys/" + name).trim();
    }

    static String kernel() {
        return read("/proc/sys/kernel/osrelease").trim();
    }

    static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** Minor and major page faults of this process so far (/proc/self/stat fields 10 and 12). */
    static long[] pageFaults() {
        String s = read("/proc/self/stat");
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ", field 3 (state) is f[0]: minflt is field 10 -> f[7], majflt field 12 -> f[9]
        return new long[] {Long.parseLong(f[7]), Long.parseLong(f[9])};
    }

    /** A thread's scheduling policy from /proc/self/task/TID/stat field 41 (0 other, 1 FIFO, 2 RR); -1 unknown. */
    static int schedPolicy(int tid) {
        String s = read("/proc/self/task/" + tid + "/stat");
        int close = s.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] f = s.substring(close + 2).split(" ");
        return f.length > 38 ? Integer.parseInt(f[38]) : -1;
    }

    /** The calling thread's kernel thread id, from the /proc/thread-self link ("PID/task/TID"). */
    static int currentTid() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Nanoseconds the thread has spent runnable but waiting for a CPU (schedstat's run_delay,
     * the second field of /proc/self/task/TID/schedstat); -1 when unavailable.
     */
    static long runDelayNanos(int tid) {
        String[] f = read("/proc/self/task/" + tid + "/schedstat").trim().split("\\s+");
        try {
            return f.length >= 2 ? Long.parseLong(f[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** run_delay summed over every thread of this process (threads that ended are not counted). */
    static long runDelayAllThreadsNanos() {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    long d = runDelayNanos(Integer.parseInt(t.getFileName().toString()));
                    sum += Math.max(0, d);
                } catch (NumberFormatException e) {
                    // not a thread directory
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** A /proc/self/status value in kB (VmHWM = peak RSS, VmRSS = current). */
    static long statusKb(String key) {
        for (String line : lines("/proc/self/status")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** Bytes the thread has allocated on the heap so far (HotSpot's per-thread counter). */
    static long allocatedBytes(Thread t) {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(t.getId());
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException e) {
            return List.of();
        }
    }
}
