package io.v2e.transport.internal;

import java.nio.file.Path;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;

/**
 * A validated transport configuration. Immutable; the transport swaps whole instances.
 *
 * @param socketPath        absolute path of the UNIX domain socket
 * @param requestTimeoutMs  0 = the broker's default request timeout
 */
record TransportSettings(boolean socketEnabled, Path socketPath, boolean tcpEnabled, String tcpHost, int tcpPort,
        int maxFrameBytes, int maxConnections, long outboundQueueBytes, int outboundQueueMessages,
        OutboundPolicy outboundPolicy, long outboundTimeoutMs, long requestTimeoutMs, int maxInflightRequests,
        LoopSettings io) {

    static final int DEFAULT_TCP_PORT = 7460;
    static final int DEFAULT_MAX_FRAME_BYTES = 50 * 1024 * 1024;

    TransportSettings {
        check(socketPath != null && socketPath.isAbsolute(), "socket_path must be absolute, was " + socketPath);
        check(tcpHost != null && !tcpHost.isBlank(), "tcp_host must not be empty");
        check(tcpPort >= 0 && tcpPort <= 65535, "tcp_port must be 0..65535, was " + tcpPort);
        check(maxFrameBytes >= 64, "max_frame_bytes must be >= 64, was " + maxFrameBytes);
        check(maxConnections >= 1, "max_connections must be >= 1, was " + maxConnections);
        check(outboundQueueBytes >= 1024, "outbound_queue_bytes must be >= 1024, was " + outboundQueueBytes);
        check(outboundQueueMessages >= 1, "outbound_queue_messages must be >= 1, was " + outboundQueueMessages);
        check(outboundPolicy != null, "outbound_policy missing");
        check(outboundTimeoutMs >= 1, "outbound_timeout_ms must be >= 1, was " + outboundTimeoutMs);
        check(requestTimeoutMs >= 0, "request_timeout_ms must be >= 0, was " + requestTimeoutMs);
        check(maxInflightRequests >= 1, "max_inflight_requests must be >= 1, was " + maxInflightRequests);
        check(io != null, "io settings missing");
    }

    /** Defaults, with the socket at {@code socketPath}. */
    static TransportSettings defaults(Path socketPath) {
        return new TransportSettings(true, socketPath, false, "127.0.0.1", DEFAULT_TCP_PORT, DEFAULT_MAX_FRAME_BYTES,
                1024, 16L * 1024 * 1024, 65536, OutboundPolicy.drop, 100, 0, 4096, LoopSettings.DEFAULTS);
    }

    /**
     * Validates a configuration.
     *
     * @throws IllegalArgumentException naming the first bad property and its value
     */
    static TransportSettings of(TransportConfig c) {
        return new TransportSettings(c.socket__enabled(), socketPath(c.socket__path()), c.tcp__enabled(),
                c.tcp__host() == null ? null : c.tcp__host().trim(), c.tcp__port(), c.max__frame__bytes(),
                c.max__connections(), c.outbound__queue__bytes(), c.outbound__queue__messages(),
                refuseBlock(c.outbound__policy()), c.outbound__timeout__ms(), c.request__timeout__ms(),
                c.max__inflight__requests(), loopSettings(c));
    }

    private static LoopSettings loopSettings(TransportConfig c) {
        CpuSet cpus;
        try {
            cpus = CpuSet.parse(c.io__cpus());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("io_cpus: " + e.getMessage(), e);
        }
        IoPriority io;
        try {
            io = new IoPriority(c.io__class().toApi(), c.io__level());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("io_level: " + e.getMessage(), e);
        }
        SchedulingPolicy policy = c.io__scheduling().toApi();
        int priority = c.io__rt__priority();
        check(priority >= SchedulingPolicy.MIN_REALTIME_PRIORITY && priority <= SchedulingPolicy.MAX_REALTIME_PRIORITY,
                "io_rt_priority must be 1..99, was " + priority);
        return new LoopSettings(c.io__threads(), cpus, c.io__placement(), c.io__nice(), io,
                new ThreadScheduling(policy, policy.isRealTime() ? priority : 0));
    }

    private static OutboundPolicy refuseBlock(OutboundPolicy p) {
        if (p == OutboundPolicy.block) {
            throw new IllegalArgumentException("outbound_policy 'block' is refused: a peer that stops reading would "
                    + "stall the broker's workers (use timeout, drop or drop_oldest)");
        }
        return p;
    }

    /** The configured path, or {@code <v2e.home>/run/v2e.sock} when empty. */
    static Path socketPath(String configured) {
        if (configured == null || configured.isBlank()) {
            return defaultSocketPath();
        }
        return Path.of(configured.trim()).toAbsolutePath().normalize();
    }

    /** {@code <v2e.home>/run/v2e.sock}; v2e.home is the system property the launcher sets, else the working directory. */
    static Path defaultSocketPath() {
        return home().resolve("run").resolve("v2e.sock").toAbsolutePath().normalize();
    }

    /** {@code v2e.home}, the system property the launcher sets, else the working directory (Karaf, tests). */
    static Path home() {
        String home = System.getProperty("v2e.home");
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.dir")) : Path.of(home);
    }

    TransportSettings withSocket(boolean enabled, Path path) {
        return new TransportSettings(enabled, path, tcpEnabled, tcpHost, tcpPort, maxFrameBytes, maxConnections,
                outboundQueueBytes, outboundQueueMessages, outboundPolicy, outboundTimeoutMs, requestTimeoutMs,
                maxInflightRequests, io);
    }

    TransportSettings withTcp(boolean enabled, String host, int port) {
        return new TransportSettings(socketEnabled, socketPath, enabled, host, port, maxFrameBytes, maxConnections,
                outboundQueueBytes, outboundQueueMessages, outboundPolicy, outboundTimeoutMs, requestTimeoutMs,
                maxInflightRequests, io);
    }

    TransportSettings withLimits(int frameBytes, int connections, long queueBytes, int queueMessages,
            OutboundPolicy policy) {
        return new TransportSettings(socketEnabled, socketPath, tcpEnabled, tcpHost, tcpPort, frameBytes, connections,
                queueBytes, queueMessages, policy, outboundTimeoutMs, requestTimeoutMs, maxInflightRequests, io);
    }

    TransportSettings withInflight(int max) {
        return new TransportSettings(socketEnabled, socketPath, tcpEnabled, tcpHost, tcpPort, maxFrameBytes, maxConnections,
                outboundQueueBytes, outboundQueueMessages, outboundPolicy, outboundTimeoutMs, requestTimeoutMs, max, io);
    }

    TransportSettings withIo(LoopSettings next) {
        return new TransportSettings(socketEnabled, socketPath, tcpEnabled, tcpHost, tcpPort, maxFrameBytes, maxConnections,
                outboundQueueBytes, outboundQueueMessages, outboundPolicy, outboundTimeoutMs, requestTimeoutMs,
                maxInflightRequests, next);
    }

    boolean sameSocketListener(TransportSettings o) {
        return socketEnabled == o.socketEnabled && socketPath.equals(o.socketPath);
    }

    boolean sameTcpListener(TransportSettings o) {
        return tcpEnabled == o.tcpEnabled && tcpHost.equals(o.tcpHost) && tcpPort == o.tcpPort;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
