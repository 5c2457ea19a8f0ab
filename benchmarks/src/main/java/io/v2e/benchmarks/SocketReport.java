package io.v2e.benchmarks;

import static io.v2e.benchmarks.Report.median;
import static io.v2e.benchmarks.Report.points;
import static io.v2e.benchmarks.Report.stat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The socket section of RESULTS.md (section 2g) and its plots: per client count a table of every
 * system (medians with [min-max] over the interleaved repeats), the ratios of v2e to nats-server
 * and to the bare echo floor, goals met or MISSED, the 1 MiB table, and the container's JFR top
 * frames.
 */
final class SocketReport {

    /** Reference numbers from issue 7 (this machine, before the project): p99 us and req/s at 1, 8, 64 clients. */
    private static final double[] REF_NATS_P99 = {274, 900, 5300};
    private static final double[] REF_NATS_RPS = {5_900, 25_000, 29_000};
    private static final double[] REF_ECHO_P99 = {69, 130, 900};
    private static final double[] REF_ECHO_RPS = {21_000, 146_000, 146_000};

    /** Receives each goal: met or not, and its text. */
    @FunctionalInterface
    interface Goals {
        void goal(boolean met, String text);
    }

    private final JsonNode s;
    private final Path out;
    private final Goals goals;
    private final StringBuilder md = new StringBuilder();

    private SocketReport(JsonNode s, Path out, Goals goals) {
        this.s = s;
        this.out = out;
        this.goals = goals;
    }

    static String render(JsonNode section, Path out, Goals goals) throws IOException {
        SocketReport r = new SocketReport(section, out, goals);
        r.build();
        return r.md.toString();
    }

    private void build() throws IOException {
        md.append("## 2g. UNIX-socket request/response through the container vs nats-server vs a bare NDJSON echo\n\n");
        md.append("Closed loop (each client waits for its answer before the next request), ~100-byte JSON payload, every"
                + " answer checked to be its own request's. `v2e-client`: V2eClient -> the container's UNIX socket (real"
                + " `bin/v2e` distribution) -> broker -> external endpoint JVM -> back. `v2e-raw-ndjson`: the same path with a"
                + " raw write-a-line/read-a-line client (separates client cost from container cost). `nats`: nats-server +"
                + " jnats responder JVM + jnats `Connection.request`. `bare-echo-floor`: NDJSON echo server JVM over a UNIX"
                + " socket. Latencies in us, container allocation in bytes per request; run-queue wait is the time the container's"
                + " transport threads (I/O loops; in older builds one per connection) / broker workers were runnable but had no CPU (schedstat run_delay), per"
                + " request.\n\n");
        String load = Report.loadTag(s);
        md.append("Load average before ").append(s.path("loadBefore").asText()).append(", after ")
                .append(s.path("loadAfter").asText()).append(Report.othersText(s)).append(load.isEmpty() ? "" : " - **under load**").append(".\n\n");
        Map<String, List<JsonNode>> byKey = Report.groups(s);
        for (int ci = 0; ci < SocketSection.CLIENTS.length; ci++) {
            int n = SocketSection.CLIENTS[ci];
            md.append("### ").append(n).append(n == 1 ? " client\n\n" : " clients\n\n");
            md.append("| system | req/s | p50 | p99 | p99.9 | max | mean+-sd | container alloc B/req | runq wait us/req: transport threads / workers |\n|---|---|---|---|---|---|---|---|---|\n");
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            for (Map.Entry<String, List<JsonNode>> e : byKey.entrySet()) {
                List<JsonNode> rows = e.getValue();
                if (!rows.get(0).path("variant").asText().equals(Integer.toString(n))) {
                    continue;
                }
                String system = rows.get(0).path("system").asText();
                md.append("| ").append(system).append(" | ").append(stat(rows, r -> r.path("throughputPerSec").asDouble(), "%,.0f"));
                for (String f : new String[] {"p50Us", "p99Us", "p999Us", "maxUs"}) {
                    md.append(" | ").append(stat(rows, r -> r.path(f).asDouble(), "%,.0f"));
                }
                md.append(String.format(Locale.ROOT, " | %,.0f+-%,.0f | ", median(rows, r -> r.path("meanUs").asDouble()),
                        median(rows, r -> r.path("stddevUs").asDouble())));
                md.append(rows.get(0).path("extra").has("containerAllocBytesPerReq")
                        ? stat(rows, r -> r.path("extra").path("containerAllocBytesPerReq").asDouble(), "%,.0f") : "-").append(" | ");
                md.append(rows.get(0).path("extra").has("connRunqWaitUsPerReq")
                        ? String.format(Locale.ROOT, "%.1f / %.1f", median(rows, r -> r.path("extra").path("connRunqWaitUsPerReq").asDouble()),
                                median(rows, r -> r.path("extra").path("workerRunqWaitUsPerReq").asDouble()))
                        : "-").append(" |\n");
                JsonNode curve = s.path("curves").path(e.getKey());
                if (curve.isArray()) {
                    curves.put(system, points(curve));
                }
            }
            md.append(String.format(Locale.ROOT, "| *reference (issue 7): nats-server* | %,.0f | | %,.0f | | | | | |\n",
                    REF_NATS_RPS[ci], REF_NATS_P99[ci]));
            md.append(String.format(Locale.ROOT, "| *reference (issue 7): bare echo* | %,.0f | | %,.0f | | | | | |\n\n",
                    REF_ECHO_RPS[ci], REF_ECHO_P99[ci]));
            ratios(byKey, n, load);
            String png = "socket-c" + n + ".png";
            Plots.percentiles(out.resolve(png), "UNIX-socket request/response, " + n + " client(s), closed loop (all repeats merged)",
                    curves);
            md.append("![").append(png).append("](results/").append(png).append(")\n\n");
        }
        variants(byKey);
        contention(byKey);
        scale(byKey);
        large(byKey);
        for (JsonNode note : s.path("notes")) {
            md.append("- ").append(note.asText()).append('\n');
        }
        md.append('\n');
        profiles();
    }

    /** v2e (both clients) against nats-server and the floor at one client count, and the goals. */
    private void ratios(Map<String, List<JsonNode>> byKey, int n, String load) {
        List<JsonNode> nats = byKey.get(key(SocketSection.NATS, n));
        List<JsonNode> echo = byKey.get(key(SocketSection.ECHO, n));
        md.append("Ratios of medians (below 1 is better for p99, above 1 better for req/s). Goals (issue 7): p99 below"
                + " nats-server's and req/s >= 3x, judged on the shipped configuration; rows marked [...] ran a different"
                + " broker configuration of the same container (see the notes).\n\n");
        md.append("| v2e client | p99 / nats p99 | req/s / nats req/s | p99 / floor p99 | req/s / floor req/s |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, List<JsonNode>> e : byKey.entrySet()) {
            List<JsonNode> rows = e.getValue();
            String v2e = rows.get(0).path("system").asText();
            if (!v2e.startsWith("v2e") || !rows.get(0).path("variant").asText().equals(Integer.toString(n))) {
                continue;
            }
            double p99 = median(rows, r -> r.path("p99Us").asDouble());
            double rps = median(rows, r -> r.path("throughputPerSec").asDouble());
            md.append("| ").append(v2e).append(" | ").append(ratio(p99, nats, "p99Us")).append(" | ")
                    .append(ratio(rps, nats, "throughputPerSec")).append(" | ").append(ratio(p99, echo, "p99Us")).append(" | ")
                    .append(ratio(rps, echo, "throughputPerSec")).append(" |\n");
            if (!v2e.equals(SocketSection.V2E) && !v2e.equals(SocketSection.V2E_RAW)) {
                continue; // goals are for the shipped configuration; variants are shown for comparison
            }
            if (n == 8 && echo != null && v2e.equals(SocketSection.V2E)) {
                double floor = median(echo, r -> r.path("throughputPerSec").asDouble());
                goals.goal(rps >= 0.3 * floor, String.format(Locale.ROOT,
                        "%s req/s >= 30%% of the bare echo floor's at 8 clients: %,.0f vs %,.0f (%.0f%%)", v2e, rps, floor,
                        100 * rps / floor) + load);
            }
            if (nats == null) {
                goals.goal(false, String.format(Locale.ROOT, "%s at %d clients vs nats-server: NOT measured (nats-server missing)",
                        v2e, n));
                continue;
            }
            double natsP99 = median(nats, r -> r.path("p99Us").asDouble());
            double natsRps = median(nats, r -> r.path("throughputPerSec").asDouble());
            goals.goal(p99 < natsP99, String.format(Locale.ROOT, "%s p99 below nats-server's at %d client(s): %,.0f us vs %,.0f us (%.2fx)",
                    v2e, n, p99, natsP99, p99 / natsP99) + load);
            double factor = n == 1 ? 2 : 3; // issue 12: >= 2x at 1 client, >= 3x at 8 and 64
            goals.goal(rps >= factor * natsRps, String.format(Locale.ROOT,
                    "%s throughput >= %.0fx nats-server's at %d client(s): %,.0f vs %,.0f req/s (%.2fx)", v2e, factor, n, rps,
                    natsRps, rps / natsRps) + load);
        }
        md.append('\n');
    }

    /** Each broker-configuration variant against the shipped configuration, same client, same client count. */
    private void variants(Map<String, List<JsonNode>> byKey) {
        StringBuilder t = new StringBuilder();
        for (List<JsonNode> rows : byKey.values()) {
            String system = rows.get(0).path("system").asText();
            int bracket = system.indexOf(" [");
            if (bracket < 0) {
                continue;
            }
            String variant = rows.get(0).path("variant").asText();
            if (!variant.chars().allMatch(Character::isDigit)) {
                continue; // contention and scale rows have their own tables
            }
            int n = Integer.parseInt(variant);
            String baseSystem = system.substring(0, bracket);
            List<JsonNode> base = byKey.get(key(baseSystem, n));
            if (base == null) {
                continue;
            }
            double p99Ratio = median(rows, r -> r.path("p99Us").asDouble()) / median(base, r -> r.path("p99Us").asDouble());
            double rpsRatio = median(rows, r -> r.path("throughputPerSec").asDouble())
                    / median(base, r -> r.path("throughputPerSec").asDouble());
            t.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |\n", system, n,
                    median(rows, r -> r.path("p50Us").asDouble()) / median(base, r -> r.path("p50Us").asDouble()),
                    p99Ratio, rpsRatio));
            if (baseSystem.equals(SocketSection.V2E)) {
                String load = Report.loadTag(s);
                String label = system.substring(bracket).trim();
                goals.goal(rpsRatio <= 1, String.format(Locale.ROOT,
                        "shipped default req/s >= %s at %d client(s): variant/default %.2f", label, n, rpsRatio) + load);
                goals.goal(p99Ratio >= 1, String.format(Locale.ROOT,
                        "shipped default p99 <= %s at %d client(s): variant/default %.2f", label, n, p99Ratio) + load);
            }
        }
        if (t.length() > 0) {
            md.append("### Broker configuration variants vs the shipped configuration (ratios of medians, same run)\n\n");
            md.append("| system [variant] | clients | p50 ratio | p99 ratio | req/s ratio |\n|---|---|---|---|---|\n").append(t).append('\n');
        }
    }

    /** Busy processes in other sessions: shipped default vs noop on the same path, and the tail-cut goal. */
    private void contention(Map<String, List<JsonNode>> byKey) {
        StringBuilder t = new StringBuilder();
        String load = Report.loadTag(s);
        for (int n : SocketSection.CLIENTS) {
            List<JsonNode> def = byKey.get("socket|" + SocketSection.CONTENDED + n + "|" + SocketSection.V2E + "|closed");
            List<JsonNode> noop = byKey.get("socket|" + SocketSection.CONTENDED + n + "|" + SocketSection.V2E + " [noop]|closed");
            if (def == null || noop == null) {
                continue;
            }
            double dp99 = median(def, r -> r.path("p99Us").asDouble());
            double np99 = median(noop, r -> r.path("p99Us").asDouble());
            double drps = median(def, r -> r.path("throughputPerSec").asDouble());
            double nrps = median(noop, r -> r.path("throughputPerSec").asDouble());
            t.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %.2f | %.2f | %.1f / %.1f |\n", n,
                    stat(def, r -> r.path("throughputPerSec").asDouble(), "%,.0f"),
                    stat(noop, r -> r.path("throughputPerSec").asDouble(), "%,.0f"),
                    stat(def, r -> r.path("p99Us").asDouble(), "%,.0f"), stat(noop, r -> r.path("p99Us").asDouble(), "%,.0f"),
                    dp99 / np99, drps / nrps, median(def, r -> r.path("extra").path("connRunqWaitUsPerReq").asDouble()),
                    median(noop, r -> r.path("extra").path("connRunqWaitUsPerReq").asDouble())));
            goals.goal(dp99 <= 0.6 * np99, String.format(Locale.ROOT,
                    "under contention, v2e-client p99 with the shipped default <= 0.6x noop's at %d client(s): %,.0f vs %,.0f us (%.2fx)",
                    n, dp99, np99, dp99 / np99) + load);
        }
        for (List<JsonNode> rows : byKey.values()) {
            String system = rows.get(0).path("system").asText();
            String variant = rows.get(0).path("variant").asText();
            if (variant.startsWith(SocketSection.CONTENDED) && system.contains(" [") && !system.endsWith(" [noop]")) {
                List<JsonNode> noop = byKey.get("socket|" + variant + "|" + SocketSection.V2E + " [noop]|closed");
                if (noop != null) {
                    t.append(String.format(Locale.ROOT, "| %s %s | %s | - | %s | - | %.2f | %.2f | - |\n",
                            variant.substring(SocketSection.CONTENDED.length()), system.substring(system.indexOf(" [")),
                            stat(rows, r -> r.path("throughputPerSec").asDouble(), "%,.0f"),
                            stat(rows, r -> r.path("p99Us").asDouble(), "%,.0f"),
                            median(rows, r -> r.path("p99Us").asDouble()) / median(noop, r -> r.path("p99Us").asDouble()),
                            median(rows, r -> r.path("throughputPerSec").asDouble())
                                    / median(noop, r -> r.path("throughputPerSec").asDouble())));
                }
            }
        }
        if (t.length() > 0) {
            md.append("### Under CPU contention (busy processes at nice 0 in other sessions): shipped default vs noop\n\n");
            md.append("| clients | req/s default | req/s noop | p99 default | p99 noop | p99 default/noop | req/s default/noop |"
                    + " transport runq wait us/req default / noop |\n|---|---|---|---|---|---|---|---|\n").append(t).append('\n');
        }
    }

    /** Many connected clients, 64 active: req/s and the container's thread count, and the thread goal. */
    private void scale(Map<String, List<JsonNode>> byKey) {
        StringBuilder t = new StringBuilder();
        String load = Report.loadTag(s);
        for (int connected : SocketSection.SCALE_CONNECTED) {
            List<JsonNode> rows = byKey.get("socket|" + SocketSection.SCALE + connected + "|" + SocketSection.V2E + "|closed");
            if (rows == null) {
                continue;
            }
            double threads = rows.stream().mapToDouble(r -> r.path("extra").path("containerThreads").asDouble()).max().orElse(0);
            t.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %.0f | %s |\n", connected, SocketSection.SCALE_ACTIVE,
                    stat(rows, r -> r.path("throughputPerSec").asDouble(), "%,.0f"), stat(rows, r -> r.path("p99Us").asDouble(), "%,.0f"),
                    threads, stat(rows, r -> r.path("extra").path("transportThreads").asDouble(), "%,.0f")));
            if (connected == 1024) {
                goals.goal(threads <= 64, String.format(Locale.ROOT,
                        "container thread count with 1,024 connected clients <= 64: %.0f", threads) + load);
            }
        }
        if (t.length() > 0) {
            md.append("### Many connected clients, 64 active (shipped configuration)\n\n");
            md.append("| connected | active | req/s | p99 us | container threads (max) | transport threads |\n|---|---|---|---|---|---|\n")
                    .append(t).append('\n');
        }
    }

    private static String ratio(double v, List<JsonNode> peer, String field) {
        if (peer == null || peer.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", v / median(peer, r -> r.path(field).asDouble()));
    }

    private void large(Map<String, List<JsonNode>> byKey) throws IOException {
        List<JsonNode> rows = null;
        String curveKey = null;
        for (Map.Entry<String, List<JsonNode>> e : byKey.entrySet()) {
            if (e.getValue().get(0).path("variant").asText().equals(SocketSection.LARGE)) {
                rows = e.getValue();
                curveKey = e.getKey();
            }
        }
        md.append("### Distinct 1 MiB payloads over the socket (one V2eClient, requests to the external echo endpoint)\n\n");
        if (rows == null) {
            md.append("Not run.\n\n");
            return;
        }
        md.append("| metric | median [min-max] |\n|---|---|\n");
        md.append("| messages/s (round trips) | ").append(stat(rows, r -> r.path("throughputPerSec").asDouble(), "%,.1f")).append(" |\n");
        for (String f : new String[] {"MiBPerSec", "containerAllocBytesPerMsg", "containerMinorFaultsPerMsg",
            "containerMajorFaults", "containerVmHwmKb", "containerVmRssKb"}) {
            md.append("| ").append(f).append(" | ").append(stat(rows, r -> r.path("extra").path(f).asDouble(), "%,.1f")).append(" |\n");
        }
        for (String f : new String[] {"p50Us", "p99Us", "p999Us", "maxUs", "meanUs", "stddevUs"}) {
            md.append("| latency ").append(f).append(" | ").append(stat(rows, r -> r.path(f).asDouble(), "%,.0f")).append(" |\n");
        }
        double alloc = median(rows, r -> r.path("extra").path("containerAllocBytesPerMsg").asDouble());
        md.append(String.format(Locale.ROOT, "\nThe container allocates %.1fx the payload per round trip (it decodes and"
                + " encodes each message twice: from the client, to the endpoint, from the endpoint, to the client).\n\n",
                alloc / SocketSection.PAYLOAD_BYTES));
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        curves.put("v2e-client 1 MiB echo", points(s.path("curves").path(curveKey)));
        Plots.percentiles(out.resolve("socket-1mib.png"), "1 MiB payloads over the UNIX socket, round trip", curves);
        md.append("![socket-1mib](results/socket-1mib.png)\n\n");
    }

    private void profiles() throws IOException {
        md.append("### Where the time goes (JFR, jdk.ExecutionSample top frames per thread group)\n\n");
        Path container = out.resolve(SocketSection.CONTAINER_JFR);
        Path harness = out.resolve("socket.jfr");
        if (Files.exists(container)) {
            md.append("Container JVM during one extra v2e-client run with 64 clients (the measurement's own JMX/RMI threads"
                    + " left out of the list, not of the percentages):\n\n```\n");
            JfrSummary.topFrames(container, 30).stream().filter(l -> !l.contains(" RMI ") && !l.contains(" JMX "))
                    .limit(20).forEach(l -> md.append(l).append('\n'));
            md.append("```\n\n");
        }
        if (Files.exists(harness)) {
            md.append("Harness JVM (all clients of every system, whole section):\n\n```\n");
            JfrSummary.topFrames(harness, 12).forEach(l -> md.append(l).append('\n'));
            md.append("```\n\n");
        }
        if (!Files.exists(container) && !Files.exists(harness)) {
            md.append("No recordings in this run.\n\n");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String key(String system, int clients) {
        return "socket|" + clients + "|" + system + "|closed";
    }
}
