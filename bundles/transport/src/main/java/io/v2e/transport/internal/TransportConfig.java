package io.v2e.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.v2e.config.tuning.IoClassName;
import io.v2e.config.tuning.SchedulingName;

/**
 * The transport's configuration (PID {@value TransportComponent#PID}). A double underscore in a
 * method name is one underscore in the property key ({@code max__frame__bytes} is
 * {@code max_frame_bytes}), per Declarative Services' naming rules.
 */
// pid given here, not by @Designate: the component also reads the provider selection's PID, and
// @Designate needs a component with exactly one
@ObjectClassDefinition(pid = TransportComponent.PID, name = "v2e transport", description = "Listeners (UNIX domain socket, TCP) through which other "
        + "processes reach the v2e broker, one JSON message per line, and the limits that protect it from bad peers. "
        + "Changes apply live; a bad value is rejected (logged) and the previous configuration stays in force.")
@interface TransportConfig {

    @AttributeDefinition(name = "socket_enabled", description = "Listen on the UNIX domain socket socket_path.")
    boolean socket__enabled() default true;

    @AttributeDefinition(name = "socket_path", description = "Path of the UNIX domain socket (mode 0600); empty = "
            + "<v2e.home>/run/v2e.sock, where v2e.home is the system property the launcher sets (else the working "
            + "directory). A stale socket file is replaced; if a live broker listens there, the listener does not start.")
    String socket__path() default "";

    @AttributeDefinition(name = "tcp_enabled", description = "Listen on TCP as well (off by default: the socket file's "
            + "mode protects the UNIX socket, nothing protects a TCP port but its address).")
    boolean tcp__enabled() default false;

    @AttributeDefinition(name = "tcp_host", description = "Address the TCP listener binds to; 127.0.0.1 keeps it local.")
    String tcp__host() default "127.0.0.1";

    @AttributeDefinition(name = "tcp_port", description = "TCP port (1..65535; 0 = any free port, for tests).")
    int tcp__port() default TransportSettings.DEFAULT_TCP_PORT;

    @AttributeDefinition(name = "tcp_token_file", description = "File whose first line (at least 16 characters) is the "
            + "shared token every TCP client must send in its first line (RPCAuthenticate; compared in constant time, "
            + "never logged); a relative path is under <v2e.home>/etc. Without it the TCP listener does not start "
            + "(logged as an error; the UNIX socket serves on). Keep the file mode 0600.")
    String tcp__token__file() default "";

    @AttributeDefinition(name = "reserved_names", description = "Comma-separated endpoint names no external connection "
            + "may take (RPCRegister, subprocess_ready), e.g. the names of in-container endpoints and supervised services, "
            + "so none can be taken while their holder is down. A name listed in name_tokens may be taken with its token.")
    String reserved__names() default NameReservations.DEFAULT_RESERVED;

    @AttributeDefinition(name = "name_tokens", description = "Comma-separated NAME=FILE: an external connection may take "
            + "(and replace) NAME only by presenting the first line of FILE (at least 16 characters; RPCRegister payload "
            + "member token, or subprocess_ready's payload member token); compared in constant time, never logged. "
            + "A relative FILE is under <v2e.home>/etc; keep it mode 0600. A NAME whose FILE cannot be read stays "
            + "reserved and nobody may take it (logged).")
    String name__tokens() default "";

    @AttributeDefinition(name = "max_frame_bytes", description = "Longest line (one message) accepted, in bytes; a longer "
            + "line is answered with an error and skipped up to its newline. Default 50 MiB, as the v2e broker.")
    int max__frame__bytes() default 52428800;

    @AttributeDefinition(name = "max_connections", description = "Connections open at once over all listeners; one more "
            + "gets an error line and is closed.")
    int max__connections() default 1024;

    @AttributeDefinition(name = "outbound_queue_bytes", description = "Bytes queued for one connection that does not "
            + "read fast enough before outbound_policy applies (one message larger than this still passes when "
            + "nothing else is queued). Reading from the connection pauses while more than half of this is queued.")
    long outbound__queue__bytes() default 16777216;

    @AttributeDefinition(name = "outbound_queue_messages", description = "Messages queued for one connection before "
            + "outbound_policy applies.")
    int outbound__queue__messages() default 65536;

    @AttributeDefinition(name = "outbound_policy", description = "When a connection's queue is full: drop (the new "
            + "message), drop_oldest (the oldest not yet started), or timeout (wait up to outbound_timeout_ms, then drop). "
            + "A dropped request is answered with an error. block is refused: it would let one peer stall the "
            + "broker's workers.",
            options = {@Option(value = "drop", label = "drop: the new message"),
                    @Option(value = "drop_oldest", label = "drop_oldest: the oldest not yet started"),
                    @Option(value = "timeout", label = "timeout: wait up to outbound_timeout_ms, then drop")})
    OutboundPolicy outbound__policy() default OutboundPolicy.drop;

    @AttributeDefinition(name = "outbound_timeout_ms", description = "Longest wait for room under outbound_policy=timeout, in ms (>= 1).")
    long outbound__timeout__ms() default 100;

    @AttributeDefinition(name = "request_timeout_ms", description = "How long a request from a connection waits for its "
            + "answer before it is answered with a timeout error, in ms; 0 = the broker's request_timeout_ms.")
    long request__timeout__ms() default 0;

    @AttributeDefinition(name = "max_inflight_requests", description = "Requests one connection may have waiting for "
            + "answers; at this many, reading from it pauses until answers go out (back-pressure, nothing is dropped).")
    int max__inflight__requests() default 4096;

    @AttributeDefinition(name = "io_threads", description = "I/O event-loop threads, each multiplexing many connections "
            + "(reading, decoding, writing); 0 = one per 4 CPUs of the working set (see io_cpus), at least 1, at most 8. "
            + "The thread count does not grow with the connections. Changing it applies to the next start.")
    int io__threads() default 0;

    @AttributeDefinition(name = "io_cpus", description = "Linux cpulist narrowing the CPUs the loops run on, e.g. 0-3; "
            + "empty = every CPU the tuning provider reports as allowed for this process.")
    String io__cpus() default "";

    @AttributeDefinition(name = "io_placement", description = "set: every loop may run on every CPU of io_cpus (the "
            + "scheduler places it next to the threads it wakes); cpu: loop i is pinned to the i-th CPU of io_cpus.",
            options = {@Option(value = "set", label = "set: each loop on all of io_cpus"),
                    @Option(value = "cpu", label = "cpu: loop i on the i-th CPU of io_cpus")})
    LoopSettings.Placement io__placement() default LoopSettings.Placement.set;

    @AttributeDefinition(name = "io_nice", description = "Nice value (-20..19) each loop sets on itself, by default -10: "
            + "the loops carry every message between clients, endpoints and the broker's workers (nice 0); "
            + "lowering it needs CAP_SYS_NICE (else DENIED in transport:threads, and the loop runs on at its nice).")
    int io__nice() default -10;

    @AttributeDefinition(name = "io_class", description = "I/O scheduling class of the loops (none: as inherited).",
            options = {@Option(value = "realtime", label = "realtime (needs CAP_SYS_ADMIN or CAP_SYS_NICE)"),
                    @Option(value = "best_effort", label = "best_effort"), @Option(value = "idle", label = "idle"),
                    @Option(value = "none", label = "none")})
    IoClassName io__class() default IoClassName.best_effort;

    @AttributeDefinition(name = "io_level", description = "I/O priority level 0 (highest) .. 7 (lowest) of the loops.")
    int io__level() default 0;

    @AttributeDefinition(name = "io_scheduling", description = "CPU scheduling policy each loop sets on itself: other "
            + "(the default, unchanged), batch, idle, or the real-time fifo or rr (needs CAP_SYS_NICE or RLIMIT_RTPRIO; "
            + "DENIED leaves the loop on other). A loop never busy-waits: it blocks in select when idle.",
            options = {@Option(value = "other", label = "other (SCHED_OTHER, unchanged)"),
                    @Option(value = "batch", label = "batch (SCHED_BATCH)"), @Option(value = "idle", label = "idle (SCHED_IDLE)"),
                    @Option(value = "fifo", label = "fifo (SCHED_FIFO, real-time)"),
                    @Option(value = "rr", label = "rr (SCHED_RR, real-time)")})
    SchedulingName io__scheduling() default SchedulingName.other;

    @AttributeDefinition(name = "io_rt_priority", description = "Real-time priority 1..99 of the loops under io_scheduling "
            + "fifo or rr; not used by the other policies.")
    int io__rt__priority() default 10;

    @AttributeDefinition(name = "provider.target", description = "LDAP filter choosing the TuningProvider that tunes "
            + "the loops; the per-host selection (etc/io.v2e.tuning.cfg, PID io.v2e.tuning.binding) overrides it.")
    String provider_target() default "(tuning.provider=*)";
}
