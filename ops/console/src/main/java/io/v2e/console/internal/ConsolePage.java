package io.v2e.console.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import java.util.List;
import java.util.Objects;

import io.v2e.broker.api.Latency;
import io.v2e.broker.api.rpc.WorkersReport;

/**
 * The page's HTML (the part inside the Web Console's frame): the tables as they are at the moment
 * of the request, an empty SVG for the latency plot, and the page's script, which fetches
 * {@code data.json} every refresh and redraws the CPU map, the worker CPUs, the endpoints and the plot.
 * Every value from the broker goes through the OWASP encoder. Stateless.
 */
final class ConsolePage {

    static final String SCRIPT = "res/v2e-console.js";
    static final String DATA = "data.json";

    private ConsolePage() {
    }

    static String render(Snapshot s, ConsoleSettings settings, String pluginRoot) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<div id=\"v2e-console\" data-data-url=\"").append(forHtmlAttribute(pluginRoot + "/" + DATA))
                .append("\" data-refresh-ms=\"").append(settings.refreshMillis())
                .append("\" data-plot-points=\"").append(settings.plotPoints()).append("\">\n");
        b.append("<p id=\"v2e-ready\">container ").append(s.ready() == null ? "readiness unknown (no readiness service)"
                : s.ready() ? "ready" : "not ready, waiting for: " + forHtml(String.join("; ", s.waitingFor())))
                .append("</p>\n");
        workers(b, s.workers());
        cpuMap(b, s);
        endpoints(b, s.endpoints());
        plot(b, s);
        b.append("</div>\n<script src=\"").append(forHtmlAttribute(pluginRoot + "/" + SCRIPT)).append("\"></script>\n");
        return b.toString();
    }

    private static void workers(StringBuilder b, WorkersReport r) {
        b.append("<h2>Workers</h2>\n<p id=\"v2e-provider\">tuning provider <b>").append(forHtml(r.provider()))
                .append("</b>").append(r.providerPending() ? " (pending)" : "").append(", idle strategy ")
                .append(forHtml(r.config().idleStrategy())).append(", scheduling ")
                .append(forHtml(r.config().workerScheduling())).append(", configured nice ").append(r.config().nice())
                .append("</p>\n<table id=\"v2e-workers\" class=\"tablesorter nicetable\"><thead><tr><th>worker</th><th>tid</th>"
                        + "<th>pinned CPU</th><th>CPU now</th><th>allowed CPUs</th><th>nice</th><th>policy</th>"
                        + "<th>affinity</th><th>nice outcome</th><th>I/O priority</th><th>scheduling</th>"
                        + "<th>handled</th><th>tuned</th></tr></thead><tbody>\n");
        for (WorkersReport.WorkerState w : r.workers()) {
            WorkersReport.ProcThreadState p = w.proc();
            WorkersReport.Outcomes o = w.outcomes();
            b.append("<tr class=\"v2e-worker\" data-tid=\"").append(w.tid()).append("\" data-cpu=\"")
                    .append(w.cpu() == null ? "" : w.cpu()).append("\">");
            cell(b, w.name());
            cell(b, w.tid());
            cell(b, w.cpu());
            b.append("<td class=\"v2e-cpu-now\">").append(p == null ? "" : text(p.lastCpu())).append("</td>");
            cell(b, p == null ? null : p.cpusAllowedList());
            cell(b, p == null ? null : p.nice());
            cell(b, p == null ? null : p.policy() + (p.rtPriority() == null ? "" : "/" + p.rtPriority()));
            cell(b, o == null ? null : o.affinity());
            cell(b, o == null ? null : o.nice());
            cell(b, o == null ? null : o.ioPriority());
            cell(b, o == null ? null : o.scheduling());
            cell(b, w.handled());
            cell(b, w.tuningCurrent() ? "yes" : "no");
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void cpuMap(StringBuilder b, Snapshot s) {
        b.append("<h2>CPU map</h2>\n<p>Which thread ran on which CPU last (/proc/self/task/TID/stat, field 39), "
                + "broker workers and the transport's I/O loops");
        if (s.transportError() != null) {
            b.append("; the transport did not answer: <span id=\"v2e-transport-error\">").append(forHtml(s.transportError()))
                    .append("</span>");
        }
        b.append(".</p>\n<table id=\"v2e-cpumap\" class=\"nicetable\"><thead><tr><th>CPU</th><th>threads</th></tr></thead><tbody>\n");
        for (int cpu : s.cpus()) {
            b.append("<tr data-cpu=\"").append(cpu).append("\"><td>").append(cpu).append("</td><td>");
            for (Snapshot.Placement p : s.cpuMap()) {
                if (Objects.equals(p.cpu(), cpu)) {
                    b.append("<span class=\"v2e-thread v2e-").append(forHtmlAttribute(p.kind())).append("\" data-tid=\"")
                            .append(p.tid()).append("\">").append(forHtml(p.thread())).append(" (").append(p.tid())
                            .append(")</span> ");
                }
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void endpoints(StringBuilder b, List<Snapshot.EndpointRow> rows) {
        b.append("<h2>Endpoints</h2>\n<p>Counters since start; latencies over the broker's recent window.</p>\n"
                + "<table id=\"v2e-endpoints\" class=\"tablesorter nicetable\"><thead><tr><th>endpoint</th><th>kind</th>"
                + "<th>worker</th><th>queue depth</th><th>received</th><th>delivered</th><th>errors</th><th>drops</th>"
                + "<th>queue p99 (&micro;s)</th><th>handler p50 (&micro;s)</th><th>handler p99 (&micro;s)</th></tr></thead><tbody>\n");
        for (Snapshot.EndpointRow e : rows) {
            b.append("<tr class=\"v2e-endpoint\" data-name=\"").append(forHtmlAttribute(e.name())).append("\">");
            cell(b, e.name());
            cell(b, e.kind());
            cell(b, e.worker());
            cell(b, e.queueDepth());
            cell(b, e.received());
            cell(b, e.delivered());
            cell(b, e.errors());
            cell(b, e.drops());
            cell(b, micros(e.queueLatencyNs().p99()));
            cell(b, micros(e.handlerLatencyNs().p50()));
            cell(b, micros(e.handlerLatencyNs().p99()));
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void plot(StringBuilder b, Snapshot s) {
        Latency h = s.handlerLatencyNs();
        b.append("<h2>Latency</h2>\n<p>Over every endpoint, the broker's recent window (now ").append(s.windowMs())
                .append(" ms, ").append(h.count()).append(" messages): handler p50 and p99 and queue p99, "
                        + "in &micro;s, one sample per refresh.</p>\n"
                        + "<svg id=\"v2e-plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"260\" "
                        + "viewBox=\"0 0 900 260\" data-samples=\"0\" role=\"img\" aria-label=\"latency plot\"></svg>\n");
    }

    private static void cell(StringBuilder b, Object value) {
        b.append("<td>").append(forHtml(text(value))).append("</td>");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
