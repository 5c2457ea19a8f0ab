package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report's section e: the broker inside the real container (bench bundle, bin/v2e
 * bench:broker) beside the plain-JVM harness's default broker row, with the ratios between them
 * and a percentile plot at the fixed offered rate.
 */
final class ContainerReport {

    /** The plain-JVM row the container rows are compared with (default broker config, noop provider). */
    static final String PLAIN = "broker-backoff(default)";
    static final String PLAIN_LABEL = "plain JVM: " + PLAIN + " (noop)";
    /** The EventAdmin configuration the container section measures (postEvent, Timeout=0). */
    static final String PLAIN_EVENTADMIN = "eventadmin-post-timeout0";

    private ContainerReport() {
    }

    static String render(JsonNode container, JsonNode inprocess, Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## 2f. Broker in the real container (bench bundle + `bin/v2e bench:broker`) vs the plain-JVM harness,"
                + " and vs EventAdmin in the same container\n\n");
        md.append("Load average before ").append(container.path("loadBefore").asText()).append(", after ")
                .append(container.path("loadAfter").asText()).append(Report.othersText(container))
                .append(Report.loadTag(container).isEmpty() ? "" : " - **under load**").append(".\n\n");
        // system label -> rows, fixed and max
        Map<String, List<JsonNode>> fixed = new LinkedHashMap<>();
        Map<String, List<JsonNode>> max = new LinkedHashMap<>();
        if (inprocess != null) {
            collect(inprocess, PLAIN, PLAIN_LABEL, fixed, max);
            collect(inprocess, PLAIN_EVENTADMIN, "plain JVM: " + PLAIN_EVENTADMIN, fixed, max);
        }
        for (String provider : ContainerSection.PROVIDERS) {
            for (JsonNode r : container.path("rows")) {
                if (r.path("variant").asText().equals(provider)) {
                    String label = "container, provider=" + provider + ": " + r.path("system").asText();
                    (r.path("mode").asText().equals("fixed") ? fixed : max).computeIfAbsent(label, k -> new ArrayList<>()).add(r);
                }
            }
        }
        md.append("| system | delivered/s (max mode) | p50 at ").append(String.format(Locale.ROOT, "%,.0f", InProcessSection.RATE))
                .append("/s | p99 | p99.9 | max | mean | stddev | saturated runs |\n|---|---|---|---|---|---|---|---|---|\n");
        fixed.forEach((label, rows) -> {
            List<JsonNode> m = max.getOrDefault(label, List.of());
            md.append("| ").append(label).append(" | ").append(Report.stat(m, r -> r.path("throughputPerSec").asDouble(), "%,.0f"));
            for (String f : new String[] {"p50Us", "p99Us", "p999Us", "maxUs", "meanUs", "stddevUs"}) {
                md.append(" | ").append(Report.stat(rows, r -> r.path(f).asDouble(), "%.2f"));
            }
            long sat = rows.stream().filter(r -> r.path("saturated").asBoolean()).count()
                    + m.stream().filter(r -> r.path("saturated").asBoolean()).count();
            md.append(" | ").append(sat).append('/').append(rows.size() + m.size()).append(" |\n");
        });
        md.append('\n');
        // Each container row against the same system in the plain JVM, and the container's broker against
        // the container's EventAdmin (the same-container peer).
        List<String[]> pairs = new ArrayList<>();
        String containerEa = null;
        for (String label : fixed.keySet()) {
            if (label.startsWith("container") && label.endsWith(PLAIN_EVENTADMIN + "-in-container")) {
                containerEa = label;
            }
        }
        for (String label : fixed.keySet()) {
            if (!label.startsWith("container")) {
                continue;
            }
            boolean ea = label.equals(containerEa);
            String plain = ea ? "plain JVM: " + PLAIN_EVENTADMIN : PLAIN_LABEL;
            if (fixed.containsKey(plain)) {
                pairs.add(new String[] {label, plain});
            }
            if (!ea && containerEa != null && label.contains("provider=" + ContainerSection.EVENTADMIN_WITH + ":")) {
                pairs.add(new String[] {label, containerEa});
            }
        }
        if (pairs.isEmpty()) {
            md.append("No plain-JVM inprocess results in this run to compare with.\n\n");
        } else {
            md.append("| row | peer | throughput ratio row/peer (max mode) | p50 ratio | p99 ratio |\n|---|---|---|---|---|\n");
            for (String[] p : pairs) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |\n", p[0], p[1],
                        Report.median(max.get(p[0]), "throughputPerSec") / Report.median(max.get(p[1]), "throughputPerSec"),
                        Report.median(fixed.get(p[0]), "p50Us") / Report.median(fixed.get(p[1]), "p50Us"),
                        Report.median(fixed.get(p[0]), "p99Us") / Report.median(fixed.get(p[1]), "p99Us")));
            }
            md.append('\n');
        }
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        if (inprocess != null) {
            for (String sys : new String[] {PLAIN, PLAIN_EVENTADMIN}) {
                JsonNode c = inprocess.path("curves").path("inprocess||" + sys + "|fixed");
                if (!c.isMissingNode()) {
                    curves.put("plain JVM " + sys, Report.points(c));
                }
            }
        }
        container.path("curves").fields().forEachRemaining(e -> {
            String[] k = e.getKey().split("\\|");
            if (k.length == 4 && k[3].equals("fixed")) {
                curves.put("container provider=" + k[1] + " " + k[2], Report.points(e.getValue()));
            }
        });
        String png = "container-fixed.png";
        Plots.percentiles(out.resolve(png), "broker in the container vs plain JVM, 200k/s offered", curves);
        md.append("![").append(png).append("](results/").append(png).append(")\n\n");
        for (JsonNode n : container.path("notes")) {
            md.append("- ").append(n.asText()).append('\n');
        }
        md.append('\n');
        for (String provider : ContainerSection.PROVIDERS) {
            Path jfr = out.resolve("container-" + provider + ".jfr");
            if (Files.exists(jfr)) {
                md.append("JFR top frames in the container JVM, provider=").append(provider)
                        .append(" (boot, warm-up and every run):\n\n```\n");
                for (String line : JfrSummary.topFrames(jfr, 12)) {
                    md.append(line).append('\n');
                }
                md.append("```\n\n");
            }
        }
        return md.toString();
    }

    private static void collect(JsonNode section, String system, String label, Map<String, List<JsonNode>> fixed,
            Map<String, List<JsonNode>> max) {
        for (JsonNode r : section.path("rows")) {
            if (r.path("system").asText().equals(system)) {
                (r.path("mode").asText().equals("fixed") ? fixed : max).computeIfAbsent(label, k -> new ArrayList<>()).add(r);
            }
        }
    }
}
