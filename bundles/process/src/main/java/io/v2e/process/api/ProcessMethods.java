package io.v2e.process.api;

/** The broker method names (target {@code broker}) the process supervisor serves. */
public final class ProcessMethods {

    /** v2e: a process speaking NDJSON on stdin/stdout, not restarted. */
    public static final String SPAWN = "RPCSpawn";
    /** v2e: a process speaking NDJSON on its per-service UNIX socket, not restarted. */
    public static final String SPAWN_RPC = "RPCSpawnRPC";
    /** v2e: as {@link #SPAWN}, restarted whenever it exits (max_restarts, -1 unlimited). */
    public static final String SPAWN_WITH_RESTART = "RPCSpawnWithRestart";
    /** v2e: as {@link #SPAWN_RPC}, restarted whenever it exits. */
    public static final String SPAWN_RPC_WITH_RESTART = "RPCSpawnRPCWithRestart";
    /** Ours: every supervised process, from configuration files and from the spawn RPCs. */
    public static final String LIST_PROCESSES = "RPCListProcesses";
    /** Ours: stops a process (SIGTERM, then SIGKILL after its stop timeout) and forgets it. */
    public static final String STOP_PROCESS = "RPCStopProcess";
    /** Ours: the last lines a process wrote to stderr (and stdout in socket mode). */
    public static final String GET_PROCESS_LOG = "RPCGetProcessLog";

    private ProcessMethods() {
    }
}
