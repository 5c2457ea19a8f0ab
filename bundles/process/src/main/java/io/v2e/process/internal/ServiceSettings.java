package io.v2e.process.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;

/**
 * One service's configuration, validated and immutable. {@link #of} refuses a bad one with a
 * message naming the key, the value and what is accepted. Any thread.
 *
 * @param executable the command resolved to an executable file
 * @param nice       null = unchanged
 * @param cpus       null = unchanged
 * @param ioPriority null = unchanged
 * @param scheduling null = unchanged
 */
record ServiceSettings(String name, Path executable, List<String> args, Path workingDir, Map<String, String> environment,
        boolean inheritEnvironment, ProcessConfig.TransportName transport, Path socket, long connectTimeoutMs,
        ProcessConfig.RestartName restart, int maxRestarts, long backoffInitialMs, long backoffMaxMs, long backoffResetMs,
        long stopTimeoutMs, int outboundCapacity, int maxLineBytes, int logLines, long requestTimeoutMs, CpuSet cpus,
        Integer nice, IoPriority ioPriority, ThreadScheduling scheduling, CpuSet ioThreadsCpus, Integer ioThreadsNice) {

    /** A broker endpoint name we accept for a service (also a safe file-name part for its socket). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** @throws IllegalArgumentException naming the first bad value */
    static ServiceSettings of(String name, ProcessConfig c, Object rawArgs, Object rawEnvironment) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "' is not a service name (1..64 of A-Z a-z 0-9 . _ -,"
                    + " starting with a letter or digit)");
        }
        if ("broker".equals(name)) {
            throw new IllegalArgumentException("name 'broker' is the broker's own target");
        }
        Path executable = executable(c.command());
        List<String> args = rawArgs instanceof String ? CommandWords.split((String) rawArgs) : List.of(c.args());
        Path workingDir = null;
        if (!c.working__dir().isBlank()) {
            workingDir = Path.of(c.working__dir().trim());
            if (!Files.isDirectory(workingDir)) {
                throw new IllegalArgumentException("working_dir '" + workingDir + "' is not a directory");
            }
        }
        Map<String, String> env = environment(rawEnvironment instanceof String ? null : c.environment(), rawEnvironment);
        Path socket = c.transport() == ProcessConfig.TransportName.socket
                ? Path.of(c.socket__base().trim() + "_" + name + ".sock") : null;
        if (socket != null && (socket.getParent() == null || !Files.isDirectory(socket.getParent()))) {
            throw new IllegalArgumentException("socket_base '" + c.socket__base() + "': folder " + socket.getParent()
                    + " does not exist");
        }
        positive("connect_timeout_ms", c.connect__timeout__ms());
        if (c.max__restarts() < -1) {
            throw new IllegalArgumentException("max_restarts must be -1 (unlimited) or >= 0, was " + c.max__restarts());
        }
        positive("backoff_initial_ms", c.backoff__initial__ms());
        if (c.backoff__max__ms() < c.backoff__initial__ms()) {
            throw new IllegalArgumentException("backoff_max_ms " + c.backoff__max__ms() + " is below backoff_initial_ms "
                    + c.backoff__initial__ms());
        }
        positive("backoff_reset_ms", c.backoff__reset__ms());
        positive("stop_timeout_ms", c.stop__timeout__ms());
        positive("outbound_capacity", c.outbound__capacity());
        if (c.max__line__bytes() < 1024) {
            throw new IllegalArgumentException("max_line_bytes must be >= 1024, was " + c.max__line__bytes());
        }
        positive("log_lines", c.log__lines());
        if (c.request__timeout__ms() < 0) {
            throw new IllegalArgumentException("request_timeout_ms must be >= 0, was " + c.request__timeout__ms());
        }
        IoPriority io = null;
        if (c.io__class() != ProcessConfig.IoClassName.keep) {
            IoPriority.IoClass ioClass = IoPriority.IoClass.valueOf(c.io__class().name().toUpperCase(Locale.ROOT));
            int level = ioClass == IoPriority.IoClass.REALTIME || ioClass == IoPriority.IoClass.BEST_EFFORT ? c.io__level() : 0;
            if (level < 0 || level > 7) {
                throw new IllegalArgumentException("io_level must be 0..7, was " + c.io__level());
            }
            io = new IoPriority(ioClass, level);
        }
        ThreadScheduling scheduling = null;
        if (c.scheduling() != ProcessConfig.SchedulingName.keep) {
            SchedulingPolicy policy = SchedulingPolicy.valueOf(c.scheduling().name().toUpperCase(Locale.ROOT));
            int priority = policy.isRealTime() ? c.rt__priority() : 0;
            try {
                scheduling = new ThreadScheduling(policy, priority);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rt_priority: " + e.getMessage(), e);
            }
        }
        return new ServiceSettings(name, executable, args, workingDir, env, c.inherit__environment(), c.transport(), socket,
                c.connect__timeout__ms(), c.restart(), c.max__restarts(), c.backoff__initial__ms(), c.backoff__max__ms(),
                c.backoff__reset__ms(), c.stop__timeout__ms(), c.outbound__capacity(), c.max__line__bytes(), c.log__lines(),
                c.request__timeout__ms(), cpuList("cpus", c.cpus()), nice("nice", c.nice()), io, scheduling,
                cpuList("io_threads_cpus", c.io__threads__cpus()), nice("io_threads_nice", c.io__threads__nice()));
    }

    /** The command as an executable file: an absolute or relative path, or a name found in PATH. */
    static Path executable(String command) {
        String cmd = command == null ? "" : command.trim();
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("command is missing (the program to start)");
        }
        if (cmd.contains("/")) {
            Path p = Path.of(cmd).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("command '" + cmd + "' does not exist");
            }
            if (!Files.isExecutable(p)) {
                throw new IllegalArgumentException("command '" + cmd + "' is not executable");
            }
            return p;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, cmd);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("command '" + cmd + "' is not an executable file in PATH");
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }

    private static CpuSet cpuList(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            CpuSet set = CpuSet.parse(text.trim());
            if (set.isEmpty()) {
                throw new IllegalArgumentException("no CPU");
            }
            return set;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + text.trim() + "' is not a Linux cpulist (e.g. 0-3,6): "
                    + e.getMessage(), e);
        }
    }

    private static Integer nice(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n < -20 || n > 19) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be -20..19 or empty (unchanged), was '" + text.trim() + "'");
        }
    }

    private static Map<String, String> environment(String[] typed, Object raw) {
        List<String> entries = new ArrayList<>();
        if (raw instanceof String) {
            for (String part : ((String) raw).split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        } else {
            for (String s : typed) {
                entries.add(s.trim());
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("environment entry '" + e + "' is not KEY=VALUE");
            }
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return Map.copyOf(env);
    }

    /** What the process is started with: the executable then its arguments. */
    List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add(executable.toString());
        line.addAll(args);
        return line;
    }
}
