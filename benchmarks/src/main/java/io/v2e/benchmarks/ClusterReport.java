package io.v2e.benchmarks;

import static io.v2e.benchmarks.Report.median;
import static io.v2e.benchmarks.Report.stat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The cluster section of RESULTS.md: per client count the bridge and the jnats floor, ratios and the goals of issue 15. */
final class ClusterReport {

    private ClusterReport() {
    }

    static String render(JsonNode s, SocketReport.Goals goals) {
        StringBuilder md = new StringBuilder();
        md.append("## 2h. Request/response across two containers through the NATS bridge vs plain jnats\n\n");
        md.append("Closed loop, ~100-byte JSON payload, every answer checked to be its own request's. Latencies in us.\n\n");
        String load = Report.loadTag(s);
        md.append("Load average before ").append(s.path("loadBefore").asText()).append(", after ")
                .append(s.path("loadAfter").asText()).append(Report.othersText(s)).append(load.isEmpty() ? "" : " - **under load**")
                .append(".\n\n");
        Map<String, List<JsonNode>> byKey = Report.groups(s);
        md.append("| clients | system | req/s | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
        for (int n : ClusterSection.CLIENTS) {
            for (List<JsonNode> rows : byKey.values()) {
                if (!rows.get(0).path("variant").asText().equals(Integer.toString(n))) {
                    continue;
                }
                md.append("| ").append(n).append(" | ").append(rows.get(0).path("system").asText()).append(" | ")
                        .append(stat(rows, r -> r.path("throughputPerSec").asDouble(), "%,.0f"));
                for (String f : new String[] {"p50Us", "p99Us", "p999Us", "maxUs"}) {
                    md.append(" | ").append(stat(rows, r -> r.path(f).asDouble(), "%,.0f"));
                }
                md.append(" |\n");
            }
        }
        md.append('\n');
        for (int n : ClusterSection.CLIENTS) {
            List<JsonNode> bridge = rowsOf(byKey, ClusterSection.BRIDGE, n);
            List<JsonNode> floor = rowsOf(byKey, ClusterSection.JNATS, n);
            if (bridge == null || floor == null) {
                goals.goal(false, String.format(Locale.ROOT, "cluster at %d client(s): NOT measured (see the notes)", n));
                continue;
            }
            double rps = median(bridge, r -> r.path("throughputPerSec").asDouble());
            double floorRps = median(floor, r -> r.path("throughputPerSec").asDouble());
            double p99 = median(bridge, r -> r.path("p99Us").asDouble());
            double floorP99 = median(floor, r -> r.path("p99Us").asDouble());
            goals.goal(rps >= 0.7 * floorRps, String.format(Locale.ROOT,
                    "NATS bridge req/s >= 70%% of plain jnats at %d client(s): %,.0f vs %,.0f req/s (%.2fx)", n, rps, floorRps,
                    rps / floorRps) + load);
            goals.goal(p99 <= 1.5 * floorP99, String.format(Locale.ROOT,
                    "NATS bridge p99 <= 1.5x plain jnats at %d client(s): %,.0f us vs %,.0f us (%.2fx)", n, p99, floorP99,
                    p99 / floorP99) + load);
        }
        for (JsonNode note : s.path("notes")) {
            md.append("- ").append(note.asText()).append('\n');
        }
        md.append('\n');
        return md.toString();
    }

    private static List<JsonNode> rowsOf(Map<String, List<JsonNode>> byKey, String system, int n) {
        for (List<JsonNode> rows : byKey.values()) {
            if (rows.get(0).path("system").asText().equals(system)
                    && rows.get(0).path("variant").asText().equals(Integer.toString(n))) {
                return rows;
            }
        }
        return null;
    }
}
