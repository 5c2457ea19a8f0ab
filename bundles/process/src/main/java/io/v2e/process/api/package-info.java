/**
 * The process supervisor's RPC payloads, in the style of {@code io.v2e.broker.api.rpc}: v2e's
 * {@code RPCSpawn}, {@code RPCSpawnRPC}, {@code RPCSpawnWithRestart}, {@code RPCSpawnRPCWithRestart}
 * ({@link io.v2e.process.api.SpawnRequest} / {@link io.v2e.process.api.SpawnResponse}) and ours,
 * {@code RPCListProcesses}, {@code RPCStopProcess}, {@code RPCGetProcessLog}; all served to target
 * {@code broker}. Written and read with {@code io.v2e.broker.api.rpc.RpcJson} (snake_case members).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.v2e.process.api;
