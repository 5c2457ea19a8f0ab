package io.v2e.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.rpc.RpcJson;

/** data.json is the Snapshot written by RpcJson: what the page's script and ConsoleIT read. */
class DataJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dataJsonHasTheSnakeCaseMembersThePageScriptReads() throws Exception {
        JsonNode d = JSON.readTree(RpcJson.write(SnapshotReaderTest.reader(SnapshotReaderTest.answering(Fixtures.TRANSPORT), 2)
                .take(1000, null)));

        List<String> members = new java.util.ArrayList<>();
        d.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("time_ms", "ready", "waiting_for", "workers", "transport", "transport_error", "cpus", "cpu_map",
                "endpoints", "window_ms", "queue_latency_ns", "handler_latency_ns"), members);
        assertTrue(d.path("ready").isNull(), "no readiness service");
        assertTrue(d.path("transport_error").isNull());
        assertEquals(JSON.readTree("[0,1,2,3,4,5]"), d.path("cpus"));
        assertEquals(JSON.readTree("{\"thread\":\"v2e-transport-io-0\",\"kind\":\"io\",\"tid\":4400,\"cpu\":5}"), d.path("cpu_map").get(2));
        assertTrue(d.path("cpu_map").get(1).path("cpu").isNull(), "the thread that is gone");
        assertEquals(5000, d.path("window_ms").asLong());
        assertEquals(56_789, d.path("handler_latency_ns").path("p99").asLong());
    }

    @Test
    void workersAreTheRpcGetWorkersPayloadAsIs() throws Exception {
        JsonNode d = JSON.readTree(RpcJson.write(SnapshotReaderTest.reader(SnapshotReaderTest.answering(Fixtures.TRANSPORT), 2)
                .take(1000, null)));

        assertEquals(JSON.readTree(Fixtures.WORKERS), d.path("workers"));
        assertEquals(JSON.readTree(Fixtures.TRANSPORT), d.path("transport"));
    }

    @Test
    void endpointRowsCarryCountersAndLatencies() throws Exception {
        JsonNode e = JSON.readTree(RpcJson.write(SnapshotReaderTest.reader(SnapshotReaderTest.answering(Fixtures.TRANSPORT), 1)
                .take(1000, null))).path("endpoints").get(0);

        assertEquals(JSON.readTree("{\"name\":\"broker\",\"kind\":\"internal\",\"worker\":1,\"queue_depth\":2,\"received\":5,"
                + "\"delivered\":4,\"errors\":1,\"drops\":0,"
                + "\"queue_latency_ns\":{\"count\":4,\"p50\":1000,\"p90\":2000,\"p99\":12345,\"p999\":20000,\"max\":20000},"
                + "\"handler_latency_ns\":{\"count\":4,\"p50\":3000,\"p90\":4000,\"p99\":56789,\"p999\":60000,\"max\":60000}}"), e);
    }
}
