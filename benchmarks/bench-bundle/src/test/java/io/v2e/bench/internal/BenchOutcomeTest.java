package io.v2e.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.bench.core.LatencyProbe;
import io.v2e.bench.core.RunResult;

class BenchOutcomeTest {

    private final ObjectMapper json = new ObjectMapper();

    private static Histogram histogram(long... nanos) {
        Histogram h = new Histogram(LatencyProbe.HIGHEST_NANOS, 3);
        for (long n : nanos) {
            h.recordValue(n);
        }
        return h;
    }

    @Test
    void jsonCarriesEachRunsNumbersAndItsExactHistogram() throws Exception {
        Histogram h = histogram(1_000, 2_000, 3_000, 1_000_000);
        RunResult run = new RunResult("broker", "fixed", 1000, 4, 4, 2.0, h, false);
        JsonNode workers = json.readTree("{\"provider\":\"noop\",\"workers\":[{\"index\":0,\"tid\":7,\"proc\":{\"nice\":0,"
                + "\"cpus_allowed_list\":\"0-1\"}}]}");
        JvmFacts jvm = new JvmFacts("vm", List.of("-XX:TieredStopAtLevel=4"), List.of("G1 Young Generation"), 4);
        JsonNode doc = new BenchOutcome(BenchSettings.of(1000, 2, 0, 1, 1), List.of(run), workers, jvm).json(json);

        assertEquals("noop", doc.path("provider").asText());
        assertTrue(doc.path("jvm").path("c2").asBoolean());
        JsonNode r = doc.path("runs").get(0);
        assertEquals("broker", r.path("system").asText());
        assertEquals("fixed", r.path("mode").asText());
        assertEquals(0, r.path("repeat").asInt());
        assertEquals(4, r.path("delivered").asLong());
        assertEquals(2.0, r.path("throughputPerSec").asDouble());
        assertEquals(h.getValueAtPercentile(50) / 1000.0, r.path("p50Us").asDouble());
        assertEquals(h.getMaxValue() / 1000.0, r.path("maxUs").asDouble());
        Histogram back = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(r.path("histogram").asText())), 0);
        assertEquals(h, back);
    }

    @Test
    void textSaysWhenTheJvmRunsC1OnlyAndNamesTheWorkers() throws Exception {
        JsonNode workers = json.readTree("{\"provider\":\"jnr\",\"workers\":[{\"index\":0,\"tid\":7,\"provider\":\"jnr\","
                + "\"proc\":{\"nice\":-10,\"cpus_allowed_list\":\"0\"}}]}");
        JvmFacts c1 = new JvmFacts("vm", List.of("-XX:TieredStopAtLevel=1"), List.of("Copy"), 1);
        String text = new BenchOutcome(BenchSettings.of(1000, 1, 0, 1, 1), List.of(), workers, c1).text();
        assertTrue(text.contains("provider jnr"), text);
        assertTrue(text.contains("worker 0 tid 7: cpus 0, nice -10 (provider jnr)"), text);
        assertTrue(text.contains("C1 only: NOT representative"), text);
    }
}
