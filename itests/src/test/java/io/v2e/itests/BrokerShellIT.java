package io.v2e.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker's shell commands through {@code bin/v2e CMD}, as an operator types them. */
class BrokerShellIT {

    private static V2e v2e;

    @BeforeAll
    static void distributionIsAssembled() {
        v2e = new V2e(ContainerBundles.distribution());
    }

    @Test
    void sendPrintsTheResponseOfTheBrokersOwnRpc() {
        V2e.Result r = v2e.run("broker:send", "broker", "RPCGetMessageCount", "{}");
        assertEquals(0, r.exitCode(), r.toString());
        // a fresh container: this request is the first message, being handled while it counts
        assertEquals("{\"type\":\"response\",\"id\":\"RPCGetMessageCount\",\"payload\":{\"count\":1,\"delivered\":0},"
                + "\"source\":\"broker\",\"target\":\"shell\",\"correlation_id\":\"v2e-broker-1\"}\n", r.stdout(), r.toString());
    }

    @Test
    void sendToAnUnknownTargetPrintsTheError() {
        V2e.Result r = v2e.run("broker:send", "nobody", "RPCX", "{\"a\": [1, 2]}");
        assertEquals("{\"type\":\"error\",\"id\":\"RPCX\",\"error\":\"unknown target 'nobody'\",\"source\":\"broker\","
                + "\"target\":\"shell\",\"correlation_id\":\"v2e-broker-1\"}\n", r.stdout(), r.toString());
    }

    @Test
    void underTasksetCpu1ThereIsOneWorkerOnCpu1() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "needs a second CPU");
        V2e.Result r = v2e.run(List.of("taskset", "-c", "1"), Map.of(), "broker:workers");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> workers = r.stdout().lines().filter(l -> l.startsWith("v2e-broker-worker-")).toList();
        assertEquals(1, workers.size(), r.toString());
        assertTrue(workers.get(0).matches("v2e-broker-worker-0 tid \\d+ cpu 1 handled \\d+.*"), r.toString());
    }

    @Test
    void endpointsListsTheBrokersOwn() {
        V2e.Result r = v2e.run("broker:endpoints");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("NAME                             KIND     WORKER",
                "broker                           broker   0",
                "ssg                              internal 1"), r.stdout().lines().toList(), r.toString());
    }
}
