package io.v2e.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;

class BrokerCommandsTest {

    private Router router;
    private BrokerCommands commands;

    @BeforeEach
    void start() {
        router = new Router(BrokerSettings.DEFAULTS.withWorkers(1).withNice(-10), new RecordingProvider("fake", CpuSet.of(0)), "c-");
        router.addEndpoint("echo", new TestEndpoints.Recording(), 0, 1);
        commands = new BrokerCommands(router);
    }

    @AfterEach
    void stop() {
        router.stop();
    }

    @Test
    void sendPrintsTheResponseLine() throws Exception {
        String out = commands.send("echo", "RPCEcho", "{\"a\": 1}");
        assertTrue(out.startsWith("{\"type\":\"response\",\"id\":\"RPCEcho\",\"payload\":{\"a\": 1},\"source\":\"echo\","
                + "\"target\":\"shell\",\"correlation_id\":\"c-"), out);
    }

    @Test
    void sendPrintsTheErrorOfAnUnknownTarget() throws Exception {
        assertTrue(commands.send("nope", "m", "{}").contains("\"error\":\"unknown target 'nope'\""));
    }

    @Test
    void sendRefusesPayloadThatIsNotJson() throws Exception {
        assertTrue(commands.send("echo", "m", "{a:").startsWith("not JSON: {a: ("));
    }

    @Test
    void endpointsListsNamesKindsAndWorkers() throws Exception {
        assertEquals(String.format("%-32s %-8s %s%n%-32s %-8s %d%n%-32s %-8s %d", "NAME", "KIND", "WORKER",
                "broker", "broker", 0, "echo", "internal", 0), commands.endpoints());
    }

    @Test
    void workersShowOutcomesAndReadBack() throws Exception {
        router.awaitPlanApplied(10_000_000_000L);
        String out = commands.workers();
        assertTrue(out.startsWith("provider: fake"), out);
        assertTrue(out.contains("c-worker-0 tid "), out);
        assertTrue(out.contains("set:       affinity APPLIED, nice APPLIED, io APPLIED"), out);
        assertTrue(out.contains("provider:  affinity 0, nice -10, io realtime/0"), out);
    }

    @Test
    void statsShowsTotalsAndOneLinePerEndpoint() throws Exception {
        commands.send("echo", "m", "1");
        String out = commands.stats();
        assertTrue(out.startsWith("total: received 2, delivered 1,"), out); // the echo + this stats RPC itself
        assertTrue(out.lines().anyMatch(l -> l.startsWith("echo ") && l.contains(" internal ")), out);
    }
}
