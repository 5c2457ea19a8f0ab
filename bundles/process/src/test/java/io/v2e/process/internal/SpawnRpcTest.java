package io.v2e.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.process.api.ProcessList;
import io.v2e.process.api.SpawnRequest;

/** v2e's spawn RPCs and ours, through ProcessRpc as the broker calls it. */
class SpawnRpcTest {

    private final Fixture f = new Fixture(null);
    private final ProcessRpc rpc = new ProcessRpc(f.supervisor);
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        f.close();
    }

    private String call(String method, Object payload) {
        return rpc.handle(Message.request("test", "broker", method, RpcJson.write(payload), "c"));
    }

    @Test
    void rpcSpawnStartsAStdioServiceThatAnswersAndIsListedAsRpc() throws Exception {
        JsonNode r = json.readTree(call("RPCSpawn", new SpawnRequest("spawned", "python3",
                List.of(Fixture.SERVICE.toString()), null)));
        assertEquals("spawned", r.get("id").asText());
        assertEquals("running", r.get("status").asText());
        int pid = r.get("pid").asInt();
        assertTrue(Fixture.processExists(pid));
        f.awaitRunning("spawned");
        Message answer = f.request("spawned", "echo", "{\"k\":1}");
        assertEquals(MessageType.RESPONSE, answer.type(), answer::toString);
        ProcessList.Entry e = RpcJson.read(call("RPCListProcesses", java.util.Map.of()), ProcessList.class).processes().get(0);
        assertEquals("rpc", e.origin());
        assertEquals("never", e.restart());
        assertEquals(pid, e.pid());
    }

    @Test
    void rpcSpawnRpcWithRestartUsesTheSocketAndRestarts() throws Exception {
        JsonNode r = json.readTree(call("RPCSpawnRPCWithRestart", new SpawnRequest("sockspawn", "python3",
                List.of(Fixture.SERVICE.toString(), "socket"), 3)));
        assertEquals("running", r.get("status").asText(), r::toString);
        f.awaitRunning("sockspawn");
        Service s = f.supervisor.service("sockspawn");
        assertEquals(ProcessConfig.TransportName.socket, s.settings().transport());
        assertEquals(ProcessConfig.RestartName.always, s.settings().restart());
        assertEquals(3, s.settings().maxRestarts());
        assertEquals("{\"n\": 5}", f.request("sockspawn", "echo", "{\"n\":5}").payload());
    }

    @Test
    void aDuplicateIdIsRefusedAsV2eDoes() {
        call("RPCSpawn", new SpawnRequest("twice", "python3", List.of(Fixture.SERVICE.toString()), null));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> call("RPCSpawn", new SpawnRequest("twice", "python3", List.of(Fixture.SERVICE.toString()), null)));
        assertEquals("process with id 'twice' already exists", e.getMessage());
    }

    @Test
    void aMissingIdIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> call("RPCSpawn", new SpawnRequest(null, "python3", List.of(), null)));
        assertEquals("missing field 'id' (the process id is required)", e.getMessage());
    }

    @Test
    void rpcStopProcessStopsItAndForgetsIt() throws Exception {
        call("RPCSpawn", new SpawnRequest("stopme", "python3", List.of(Fixture.SERVICE.toString()), null));
        int pid = f.awaitRunning("stopme");
        JsonNode r = json.readTree(call("RPCStopProcess", new io.v2e.process.api.ProcessId("stopme")));
        assertEquals("stopping", r.get("state").asText());
        assertEquals(pid, r.get("pid").asInt());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !Fixture.processExists(pid));
        assertEquals(List.of(), f.supervisor.list().processes());
    }
}
