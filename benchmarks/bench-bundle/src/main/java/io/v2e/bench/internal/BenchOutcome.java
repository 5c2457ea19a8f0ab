package io.v2e.bench.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.v2e.bench.core.RunResult;

/**
 * One bench:broker call's results, as text for a person and as JSON for the benchmark report
 * (each run's numbers, plus its latency histogram compressed and base64-encoded so the report can
 * merge runs exactly). Latencies in microseconds.
 */
record BenchOutcome(BenchSettings settings, List<RunResult> runs, JsonNode workers, JvmFacts jvm) {

    /** The provider the broker's workers are bound to, as the broker reports it. */
    String provider() {
        return workers.path("provider").asText("?");
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append("bench:broker in the container, provider ").append(provider()).append(", payload ")
                .append(BenchBrokerCommand.PAYLOAD.length()).append(" chars, endpoint '").append(BenchEndpoint.NAME).append("'\n");
        for (JsonNode w : workers.path("workers")) {
            b.append(String.format(Locale.ROOT, "  worker %d tid %d: cpus %s, nice %s (provider %s)%n", w.path("index").asInt(),
                    w.path("tid").asInt(), w.path("proc").path("cpus_allowed_list").asText("?"),
                    w.path("proc").path("nice").asText("?"), w.path("provider").asText("?")));
        }
        b.append(String.format(Locale.ROOT, "  JVM %s, collectors %s, TieredStopAtLevel %d%s%n", jvm.vm(), jvm.collectors(),
                jvm.tieredStopAtLevel(), jvm.c2() ? "" : " (C1 only: NOT representative, pass JAVA_OPTS=-XX:TieredStopAtLevel=4)"));
        int[] repeat = repeats();
        int i = 0;
        for (RunResult r : runs) {
            Histogram h = r.histogram();
            b.append(String.format(Locale.ROOT,
                    "%-24s %-5s #%d %,11.0f/s offered %,11.0f/s delivered  p50 %8.2f  p99 %9.2f  p99.9 %9.2f  max %10.2f"
                            + "  mean %8.2f  sd %9.2f us%s%n",
                    r.system(), r.mode(), repeat[i++], r.offeredPerSec(), r.throughputPerSec(), us(h.getValueAtPercentile(50)),
                    us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()),
                    h.getMean() / 1000, h.getStdDeviation() / 1000, r.saturated() ? "  SATURATED" : ""));
        }
        return b.toString();
    }

    ObjectNode json(ObjectMapper mapper) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("command", settings.commandLine());
        doc.put("provider", provider());
        doc.put("payloadChars", BenchBrokerCommand.PAYLOAD.length());
        ObjectNode j = doc.putObject("jvm");
        j.put("vm", jvm.vm());
        j.put("tieredStopAtLevel", jvm.tieredStopAtLevel());
        j.put("c2", jvm.c2());
        jvm.collectors().forEach(j.putArray("collectors")::add);
        jvm.inputArguments().forEach(j.putArray("inputArguments")::add);
        doc.set("workers", workers);
        ArrayNode list = doc.putArray("runs");
        int[] repeat = repeats();
        int i = 0;
        for (RunResult r : runs) {
            Histogram h = r.histogram();
            ObjectNode o = list.addObject();
            o.put("system", r.system());
            o.put("mode", r.mode());
            o.put("repeat", repeat[i++]);
            o.put("offeredPerSec", r.offeredPerSec());
            o.put("sent", r.sent());
            o.put("delivered", r.delivered());
            o.put("seconds", r.seconds());
            o.put("saturated", r.saturated());
            o.put("throughputPerSec", r.throughputPerSec());
            o.put("p50Us", us(h.getValueAtPercentile(50)));
            o.put("p99Us", us(h.getValueAtPercentile(99)));
            o.put("p999Us", us(h.getValueAtPercentile(99.9)));
            o.put("maxUs", us(h.getMaxValue()));
            o.put("meanUs", h.getMean() / 1000);
            o.put("stddevUs", h.getStdDeviation() / 1000);
            o.put("histogram", encode(h));
        }
        return doc;
    }

    /** Each run's repeat number: how many runs of the same system and mode came before it. */
    private int[] repeats() {
        Map<String, Integer> seen = new HashMap<>();
        int[] n = new int[runs.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = seen.merge(runs.get(i).system() + "|" + runs.get(i).mode(), 1, Integer::sum) - 1;
        }
        return n;
    }

    static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
