package io.v2e.process.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.v2e.broker.api.BrokerRpcExtension;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.process.api.ProcessId;
import io.v2e.process.api.ProcessMethods;
import io.v2e.process.api.SpawnRequest;

/**
 * The supervisor's broker RPCs (target {@code broker}, contributed through
 * {@link BrokerRpcExtension}): v2e's four spawn methods, and RPCListProcesses, RPCStopProcess,
 * RPCGetProcessLog. Threading: the broker's worker for target broker; a spawn waits for the fork
 * (and in socket mode the connection), a stop only begins.
 */
@Component(property = {
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.SPAWN,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.SPAWN_RPC,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.SPAWN_WITH_RESTART,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.SPAWN_RPC_WITH_RESTART,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.LIST_PROCESSES,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.STOP_PROCESS,
        BrokerRpcExtension.METHODS_PROPERTY + "=" + ProcessMethods.GET_PROCESS_LOG})
public final class ProcessRpc implements BrokerRpcExtension {

    @Reference
    private Supervisor supervisor;

    public ProcessRpc() {
    }

    ProcessRpc(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public String handle(Message request) {
        switch (request.id()) {
            case ProcessMethods.SPAWN: return spawn(request, ProcessConfig.TransportName.stdio, false);
            case ProcessMethods.SPAWN_RPC: return spawn(request, ProcessConfig.TransportName.socket, false);
            case ProcessMethods.SPAWN_WITH_RESTART: return spawn(request, ProcessConfig.TransportName.stdio, true);
            case ProcessMethods.SPAWN_RPC_WITH_RESTART: return spawn(request, ProcessConfig.TransportName.socket, true);
            case ProcessMethods.LIST_PROCESSES: return RpcJson.write(supervisor.list());
            case ProcessMethods.STOP_PROCESS:
                return RpcJson.write(supervisor.stop(RpcJson.read(request.payload(), ProcessId.class).id()));
            case ProcessMethods.GET_PROCESS_LOG:
                return RpcJson.write(supervisor.log(RpcJson.read(request.payload(), ProcessId.class).id()));
            default:
                throw new IllegalArgumentException("not a process method: '" + request.id() + "'");
        }
    }

    private String spawn(Message request, ProcessConfig.TransportName transport, boolean withRestart) {
        SpawnRequest spawn = RpcJson.read(request.payload(), SpawnRequest.class);
        return RpcJson.write(supervisor.spawn(spawn, transport, withRestart));
    }
}
