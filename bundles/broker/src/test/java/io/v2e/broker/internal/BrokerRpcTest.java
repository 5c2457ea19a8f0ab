package io.v2e.broker.internal;

import static io.v2e.broker.internal.RouterTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;

/** The broker's own RPCs, answered with the caller's id and correlation id. */
class BrokerRpcTest {

    private final ObjectMapper json = new ObjectMapper();
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    private void start(RecordingProvider provider) {
        router = new Router(BrokerSettings.DEFAULTS.withWorkers(2).withNice(-10), provider, "r-");
        router.addEndpoint("echo", new TestEndpoints.Recording(), 0, 1);
    }

    private JsonNode call(String method, String correlationId) throws Exception {
        Message answer = get(router.request(Message.request("cli", "broker", method, "{}", correlationId)));
        assertEquals(MessageType.RESPONSE, answer.type(), answer::toString);
        assertEquals(method, answer.id());
        assertEquals(correlationId, answer.correlationId());
        assertEquals("cli", answer.target());
        return json.readTree(answer.payload());
    }

    @Test
    void messageCountCountsWhatWasRouted() throws Exception {
        start(new RecordingProvider("fake", CpuSet.of(0, 1)));
        for (int i = 0; i < 3; i++) {
            get(router.request(Message.request("cli", "echo", "m", null, null)));
        }
        // the 3 echoes plus this RPC itself, which is being handled (not yet delivered)
        assertEquals("{\"count\":4,\"delivered\":3}", call("RPCGetMessageCount", "c-1").toString());
    }

    @Test
    void listEndpointsNamesEveryHolderWithItsWorker() throws Exception {
        start(new RecordingProvider("fake", CpuSet.of(0, 1)));
        assertEquals("{\"endpoints\":[{\"name\":\"broker\",\"kind\":\"broker\",\"worker\":0},"
                + "{\"name\":\"echo\",\"kind\":\"internal\",\"worker\":1}]}", call("RPCListEndpoints", "c-2").toString());
    }

    @Test
    void messageStatsHasTotalsAndPercentilesPerEndpoint() throws Exception {
        start(new RecordingProvider("fake", CpuSet.of(0, 1)));
        for (int i = 0; i < 10; i++) {
            get(router.request(Message.request("cli", "echo", "m", null, null)));
        }
        // latencies are recorded after the batch whose answers the requests already received
        RouterTest.await("latencies of the batch recorded", () -> router.stats().endpoints().get(1).queueLatency().count() == 10);
        JsonNode s = call("RPCGetMessageStats", "c-3");
        assertEquals(0, s.path("totals").path("drops").asLong());
        JsonNode echo = s.path("endpoints").get(1);
        assertEquals("echo", echo.path("name").asText());
        assertEquals(10, echo.path("received").asLong());
        assertEquals(10, echo.path("delivered").asLong());
        assertEquals(10, echo.path("queue_latency_ns").path("count").asLong());
        assertEquals(10, echo.path("handler_latency_ns").path("count").asLong());
        assertTrue(echo.path("handler_latency_ns").path("p50").asLong() <= echo.path("handler_latency_ns").path("max").asLong());
    }

    @Test
    void workersReportTheirThreadOutcomesAndKernelReadBack() throws Exception {
        start(new RecordingProvider("fake", CpuSet.of(0, 1)));
        assertTrue(router.awaitPlanApplied(10_000_000_000L));
        JsonNode w = call("RPCGetWorkers", "c-4");
        assertEquals("fake", w.path("provider").asText());
        assertEquals(2, w.path("workers").size());
        String processCpus = statusLine(Path.of("/proc/self/status"), "Cpus_allowed_list:");
        for (JsonNode worker : w.path("workers")) {
            int index = worker.path("index").asInt();
            int tid = worker.path("tid").asInt();
            // the tid is this worker's: the kernel knows the thread by the worker's name
            assertEquals(("r-worker-" + index), Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).trim());
            assertEquals(index, worker.path("cpu").asInt());
            assertEquals("APPLIED", worker.path("outcomes").path("affinity").asText());
            assertEquals("APPLIED", worker.path("outcomes").path("nice").asText());
            assertEquals("APPLIED", worker.path("outcomes").path("io_priority").asText());
            assertEquals(String.valueOf(index), worker.path("provider_readback").path("affinity").asText());
            assertEquals("-10", worker.path("provider_readback").path("nice").asText());
            assertEquals("realtime/0", worker.path("provider_readback").path("io_priority").asText());
            assertEquals(String.valueOf(tid), worker.path("provider_readback").path("tid").asText());
            // the fake provider changes no kernel state: /proc still shows the process's own
            assertEquals(processCpus, worker.path("proc").path("cpus_allowed_list").asText());
            assertEquals(niceOf(tid), worker.path("proc").path("nice").asInt());
        }
    }

    @Test
    void deniedSettingIsReportedLoggedOnceAndTheBrokerRunsOn() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.v2e.broker");
        log.addHandler(capture);
        try {
            start(new RecordingProvider("strict", CpuSet.of(0, 1), Outcome.denied("EPERM", "needs CAP_SYS_NICE")));
            assertTrue(router.awaitPlanApplied(10_000_000_000L));
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(1, warnings.stream().filter(w -> w.contains("denied nice -10: DENIED(EPERM")).count(), warnings::toString);
        JsonNode w = call("RPCGetWorkers", "c-5");
        for (JsonNode worker : w.path("workers")) {
            assertEquals("DENIED(EPERM: needs CAP_SYS_NICE)", worker.path("outcomes").path("nice").asText());
            assertEquals("APPLIED", worker.path("outcomes").path("affinity").asText());
        }
        assertEquals("7", get(router.request(Message.request("cli", "echo", "m", "7", null))).payload());
    }

    private static String statusLine(Path file, String key) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow()
                .substring(key.length()).trim();
    }

    /** Field 19 of /proc/self/task/TID/stat, read here independently of ProcThread. */
    static int niceOf(int tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
