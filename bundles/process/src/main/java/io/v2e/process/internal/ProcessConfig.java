package io.v2e.process.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One supervised service (factory PID {@value ServiceComponent#FACTORY_PID}; file
 * {@code etc/io.v2e.process-NAME.cfg}, configuration PID {@code io.v2e.process~NAME}). Method
 * names with a double underscore map to keys with one ({@code max__restarts} is
 * {@code max_restarts}). Enum constants are the configuration's own words (DS converts with the
 * case-sensitive Enum.valueOf).
 */
@ObjectClassDefinition(name = "v2e supervised service",
        description = "A process the container starts, supervises, restarts and tunes; a broker endpoint named after it."
                + " A bad value is rejected (logged, shown by broker:processes) and the previous state is kept.")
@interface ProcessConfig {

    enum TransportName { stdio, socket }

    enum RestartName { never, on_failure, always }

    enum IoClassName { keep, realtime, best_effort, idle, none }

    enum SchedulingName { keep, other, batch, idle, fifo, rr }

    @AttributeDefinition(description = "The service (and broker endpoint) name; empty = the part of the configuration"
            + " PID after '~' (the NAME of io.v2e.process-NAME.cfg).", required = false)
    String name() default "";

    @AttributeDefinition(description = "The program: an absolute path, or a name looked up in PATH. Required.")
    String command() default "";

    @AttributeDefinition(description = "Its arguments: in a .cfg file one string split like a shell does (spaces,"
            + " 'single' and \"double\" quotes); in a .config file a string array.", required = false)
    String[] args() default {};

    @AttributeDefinition(name = "working_dir", description = "Working directory; empty = the container's.", required = false)
    String working__dir() default "";

    @AttributeDefinition(description = "Extra environment variables, KEY=VALUE, separated by commas (or an array).",
            required = false)
    String[] environment() default {};

    @AttributeDefinition(name = "inherit_environment", description = "Start from the container's environment.")
    boolean inherit__environment() default true;

    @AttributeDefinition(description = "stdio: NDJSON on the child's stdin/stdout (v2e's default); socket: NDJSON on"
            + " the UNIX socket <socket_base>_<NAME>.sock (mode 0600) the container listens on before it starts the child.",
            options = {@Option(value = "stdio", label = "stdio"), @Option(value = "socket", label = "socket")})
    TransportName transport() default TransportName.stdio;

    @AttributeDefinition(name = "socket_base", description = "Socket path prefix (v2e's default /tmp/v2e_uds).")
    String socket__base() default "/tmp/v2e_uds";

    @AttributeDefinition(name = "connect_timeout_ms", description = "Socket mode: how long the child has to connect.")
    long connect__timeout__ms() default 10_000;

    @AttributeDefinition(description = "When to restart the process after it exits.",
            options = {@Option(value = "never", label = "never"),
                    @Option(value = "on_failure", label = "on_failure: a non-zero exit or a signal"),
                    @Option(value = "always", label = "always")})
    RestartName restart() default RestartName.on_failure;

    @AttributeDefinition(name = "max_restarts", description = "Restarts allowed before the state is failed; -1 = unlimited.")
    int max__restarts() default -1;

    @AttributeDefinition(name = "backoff_initial_ms", description = "Delay before the first restart; doubled after each"
            + " further failure.")
    long backoff__initial__ms() default 500;

    @AttributeDefinition(name = "backoff_max_ms", description = "Longest delay between restarts.")
    long backoff__max__ms() default 30_000;

    @AttributeDefinition(name = "backoff_reset_ms", description = "A process that ran this long is stable: the next"
            + " restart starts from backoff_initial_ms again.")
    long backoff__reset__ms() default 60_000;

    @AttributeDefinition(name = "stop_timeout_ms", description = "After SIGTERM, how long to wait before SIGKILL.")
    long stop__timeout__ms() default 5_000;

    @AttributeDefinition(name = "outbound_capacity", description = "Messages queued for the child at most; beyond it a"
            + " request is answered with an error (the child is not reading).")
    int outbound__capacity() default 1024;

    @AttributeDefinition(name = "max_line_bytes", description = "Longest line accepted from the child; a longer one is"
            + " skipped and answered with an error.")
    int max__line__bytes() default 16 * 1024 * 1024;

    @AttributeDefinition(name = "log_lines", description = "Lines of stderr (and stdout in socket mode) kept per service.")
    int log__lines() default 500;

    @AttributeDefinition(name = "request_timeout_ms", description = "Timeout of the child's own requests to other"
            + " endpoints; 0 = the broker's request_timeout_ms.")
    long request__timeout__ms() default 0;

    @AttributeDefinition(description = "Linux cpulist for every thread of the child (e.g. 2-3); empty = unchanged.",
            required = false)
    String cpus() default "";

    @AttributeDefinition(description = "Nice value -20..19 for every thread of the child; empty = unchanged."
            + " Lowering it needs CAP_SYS_NICE: without it DENIED(EACCES) and the service runs anyway.", required = false)
    String nice() default "";

    @AttributeDefinition(name = "io_class", description = "I/O class of every thread of the child; keep = unchanged.",
            options = {@Option(value = "keep", label = "keep"), @Option(value = "realtime", label = "realtime"),
                    @Option(value = "best_effort", label = "best_effort"), @Option(value = "idle", label = "idle"),
                    @Option(value = "none", label = "none")})
    IoClassName io__class() default IoClassName.keep;

    @AttributeDefinition(name = "io_level", description = "I/O level 0 (highest) .. 7, with io_class realtime or best_effort.")
    int io__level() default 4;

    @AttributeDefinition(description = "CPU scheduling policy of every thread of the child (and its future threads);"
            + " keep = unchanged; fifo and rr need CAP_SYS_NICE.",
            options = {@Option(value = "keep", label = "keep"), @Option(value = "other", label = "other"),
                    @Option(value = "batch", label = "batch"), @Option(value = "idle", label = "idle"),
                    @Option(value = "fifo", label = "fifo"), @Option(value = "rr", label = "rr")})
    SchedulingName scheduling() default SchedulingName.keep;

    @AttributeDefinition(name = "rt_priority", description = "1..99, for scheduling fifo or rr.")
    int rt__priority() default 10;

    @AttributeDefinition(name = "io_threads_cpus", description = "Linux cpulist for the container's reader and writer"
            + " threads of this service; empty = unchanged.", required = false)
    String io__threads__cpus() default "";

    @AttributeDefinition(name = "io_threads_nice", description = "Nice value of the container's reader and writer"
            + " threads of this service; empty = unchanged.", required = false)
    String io__threads__nice() default "";
}
