package io.v2e.tuning.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;

/**
 * Reads kernel state about this process and its threads WITHOUT any TuningProvider: only /proc
 * files and util-linux tools ({@code ionice}, {@code fincore}, {@code chrt}). Tests use it to check that a
 * provider's call really changed what the kernel does. Linux only; stateless, any thread.
 */
public final class KernelReader {

    /** Capability numbers from linux/capability.h. */
    public static final int CAP_DAC_OVERRIDE = 1;
    public static final int CAP_DAC_READ_SEARCH = 2;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_SYS_NICE = 23;

    private KernelReader() {
    }

    /** The kernel thread id of the calling thread: first field of /proc/thread-self/stat. */
    public static int currentTid() {
        String stat = read(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(0, stat.indexOf(' ')));
    }

    /** Cpus_allowed_list of the calling thread (/proc/thread-self/status). */
    public static CpuSet threadAllowedCpus() {
        return CpuSet.parse(statusField(Path.of("/proc/thread-self/status"), "Cpus_allowed_list"));
    }

    /** Cpus_allowed_list of the process (its main thread, /proc/self/status). */
    public static CpuSet processAllowedCpus() {
        return CpuSet.parse(statusField(Path.of("/proc/self/status"), "Cpus_allowed_list"));
    }

    /** Cpus_allowed_list of thread {@code tid} of this process. */
    public static CpuSet threadAllowedCpus(int tid) {
        return CpuSet.parse(statusField(taskDir(tid).resolve("status"), "Cpus_allowed_list"));
    }

    /** The nice value of thread {@code tid} of this process (field 19 of its stat). */
    public static int threadNice(int tid) {
        return Integer.parseInt(statFields(tid)[19 - 3]);
    }

    /** The CPU thread {@code tid} last ran on (field 39 "processor" of its stat). */
    public static int threadProcessor(int tid) {
        return Integer.parseInt(statFields(tid)[39 - 3]);
    }

    /** The scheduling policy number of thread {@code tid} (field 41 "policy" of its stat: 0 other, 1 fifo, 2 rr, 3 batch, 5 idle). */
    public static int threadSchedPolicy(int tid) {
        return Integer.parseInt(statFields(tid)[41 - 3]);
    }

    /** The real-time priority of thread {@code tid} (field 40 "rt_priority" of its stat; 0 for non-real-time policies). */
    public static int threadRtPriority(int tid) {
        return Integer.parseInt(statFields(tid)[40 - 3]);
    }

    /** Cpus_allowed_list of thread {@code tid} of process {@code pid}. */
    public static CpuSet taskAllowedCpus(int pid, int tid) {
        return CpuSet.parse(statusField(Path.of("/proc/" + pid + "/task/" + tid + "/status"), "Cpus_allowed_list"));
    }

    /** Numeric field {@code field} (numbered as proc(5) numbers them, 3 or more) of a task's stat. */
    public static int taskStatField(int pid, int tid, int field) {
        String stat = read(Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[field - 3]);
    }

    /** The I/O priority of thread {@code tid} as {@code ionice -p TID} reports it. */
    public static IoPriority ioPriority(int tid) {
        String out = run("ionice", "-p", Integer.toString(tid)).trim();
        return parseIonice(out);
    }

    /**
     * Parses one line of {@code ionice -p} output: {@code "realtime: prio 0"},
     * {@code "best-effort: prio 4"}, {@code "none: prio 0"} or {@code "idle"}.
     */
    public static IoPriority parseIonice(String line) {
        String text = line.trim();
        int colon = text.indexOf(':');
        String className = colon < 0 ? text : text.substring(0, colon);
        int level = 0;
        if (colon >= 0) {
            String rest = text.substring(colon + 1).trim();
            if (!rest.startsWith("prio ")) {
                throw new IllegalStateException("unexpected ionice output '" + line + "'");
            }
            level = Integer.parseInt(rest.substring("prio ".length()).trim());
        }
        return new IoPriority(IoPriority.IoClass.parse(className), level);
    }

    /**
     * The resident set, in kB, of all mappings of {@code file} in this process, summed from the
     * Rss lines of /proc/self/smaps; 0 when the file is not mapped.
     */
    public static long mappingRssKb(Path file) {
        String wanted = realPath(file);
        long total = 0;
        boolean inWanted = false;
        for (String line : read(Path.of("/proc/self/smaps")).split("\n")) {
            if (isMappingHeader(line)) {
                inWanted = wanted.equals(mappingPath(line));
            } else if (inWanted && line.startsWith("Rss:")) {
                total += Long.parseLong(line.substring(4).replace("kB", "").trim());
            }
        }
        return total;
    }

    /** Bytes of {@code file} resident in the page cache, from {@code fincore --bytes}. */
    public static long pageCacheBytes(Path file) {
        String out = run("fincore", "--bytes", "--noheadings", "--output", "RES", realPath(file)).trim();
        return Long.parseLong(out);
    }

    /**
     * Evicts {@code file}'s clean pages from the page cache without any provider: GNU dd's
     * {@code iflag=nocache count=0} advises DONTNEED for the whole file.
     */
    public static void evictFromPageCache(Path file) {
        run("dd", "if=" + realPath(file), "iflag=nocache", "count=0", "status=none");
    }

    /** Whether capability {@code cap} is in this process's effective set (CapEff of /proc/self/status). */
    public static boolean hasEffectiveCapability(int cap) {
        long capEff = Long.parseUnsignedLong(statusField(Path.of("/proc/self/status"), "CapEff"), 16);
        return (capEff & (1L << cap)) != 0;
    }

    /** The soft RLIMIT_NICE of this process ("Max nice priority" of /proc/self/limits). */
    public static long niceRlimit() {
        for (String line : read(Path.of("/proc/self/limits")).split("\n")) {
            if (line.startsWith("Max nice priority")) {
                String soft = line.substring("Max nice priority".length()).trim().split("\\s+")[0];
                return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IllegalStateException("no 'Max nice priority' in /proc/self/limits");
    }

    /** The kernel page size ({@code getconf PAGESIZE}). */
    public static int pageSize() {
        return Integer.parseInt(run("getconf", "PAGESIZE").trim());
    }

    /**
     * Whether this process may set nice -20, checked by a child process: {@code nice -n -40}
     * (clamped to -20 from any start) runs {@code cat /proc/self/stat} even when setpriority
     * fails, so its nice field tells.
     */
    public static boolean mayRaiseNiceToMinus20() {
        String stat = run("nice", "-n", "-40", "cat", "/proc/self/stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fields[19 - 3]) == -20;
    }

    /** Whether this process may use the real-time I/O class: {@code ionice -c 1 -n 0 true} succeeds. */
    public static boolean mayUseRealtimeIoClass() {
        return exitCode("ionice", "-c", "1", "-n", "0", "true") == 0;
    }

    /** Whether this process may use a real-time scheduling policy: {@code chrt -f 1 true} succeeds. */
    public static boolean mayUseRealtimeScheduling() {
        return exitCode("chrt", "-f", "1", "true") == 0;
    }

    /** The soft RLIMIT_RTPRIO of this process ("Max realtime priority" of /proc/self/limits). */
    public static long rtprioRlimit() {
        for (String line : read(Path.of("/proc/self/limits")).split("\n")) {
            if (line.startsWith("Max realtime priority")) {
                String soft = line.substring("Max realtime priority".length()).trim().split("\\s+")[0];
                return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IllegalStateException("no 'Max realtime priority' in /proc/self/limits");
    }

    /** Runs a command, discards its output, returns its exit code. */
    public static int exitCode(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** Runs a command, returns its stdout; fails with its stderr when it exits non-zero. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** Fields of /proc/self/task/TID/stat after the command name, starting at field 3 (state). */
    private static String[] statFields(int tid) {
        String stat = read(taskDir(tid).resolve("stat"));
        // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static Path taskDir(int tid) {
        return Path.of("/proc/self/task/" + tid);
    }

    private static String statusField(Path status, String name) {
        for (String line : read(status).split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in " + status);
    }

    /** smaps mapping headers start with "start-end perms"; attribute lines with "Name:". */
    private static boolean isMappingHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        return dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** The path column of a maps header (the 6th column, which may itself contain spaces). */
    private static String mappingPath(String header) {
        String[] cols = header.trim().split("\\s+", 6);
        return cols.length == 6 ? cols[5] : "";
    }

    private static String realPath(Path file) {
        try {
            return file.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + file, e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
