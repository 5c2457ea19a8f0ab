package io.v2e.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.metrics.api.Metric;
import io.v2e.metrics.internal.Family.Type;

/**
 * Turns a {@link Snapshot} into the metric families, named after Prometheus' conventions
 * ({@code _total} counters, base units: seconds). Latency percentiles are gauges with a
 * {@code quantile} label (0.5, 0.9, 0.99, 0.999, 1 = max) and a {@code window} label: {@code start}
 * (since the broker started) or {@code recent} (the broker's sliding window, see
 * {@code v2e_broker_recent_window_seconds}).
 */
final class MetricFamilies {

    private static final String[] QUANTILES = {"0.5", "0.9", "0.99", "0.999", "1"};

    private MetricFamilies() {
    }

    static List<Family> of(Snapshot s) {
        List<Family> out = new ArrayList<>();
        readiness(s, out);
        sources(s, out);
        if (s.broker() == null) {
            out.add(new Family("v2e_broker_up", Type.gauge, "1 while a Broker service is bound.").add(0));
            return out;
        }
        out.add(new Family("v2e_broker_up", Type.gauge, "1 while a Broker service is bound.").add(1));
        brokerTotals(s, out);
        endpoints(s, out);
        latencies(s, out);
        workers(s.workers(), out);
        return out;
    }

    private static void readiness(Snapshot s, List<Family> out) {
        Family ready = new Family("v2e_ready", Type.gauge,
                "1 while the readiness condition osgi.condition.id=v2e.ready is registered (every check passes).");
        Family waiting = new Family("v2e_readiness_waiting", Type.gauge,
                "1 per readiness check that fails, labelled with its reason.");
        if (s.waitingFor() == null) {
            ready.add(0);
            waiting.add(1, "reason", "no readiness service");
        } else {
            ready.add(s.waitingFor().isEmpty() ? 1 : 0);
            s.waitingFor().forEach(reason -> waiting.add(1, "reason", reason));
        }
        out.add(ready);
        out.add(waiting);
    }

    /** Each source's metric as family {@code v2e_<source>_<name>}, one unlabelled sample. */
    private static void sources(Snapshot s, List<Family> out) {
        if (s.sources() == null) {
            return;
        }
        for (Snapshot.SourceValues v : s.sources()) {
            for (Metric m : v.metrics()) {
                Type type = m.kind() == Metric.Kind.COUNTER ? Type.counter : Type.gauge;
                out.add(new Family("v2e_" + v.source() + "_" + m.name(), type, m.help()).add(m.value()));
            }
        }
    }

    private static void brokerTotals(Snapshot s, List<Family> out) {
        var b = s.broker();
        out.add(new Family("v2e_broker_received_total", Type.counter, "Messages the broker accepted.").add(b.received()));
        out.add(new Family("v2e_broker_delivered_total", Type.counter, "Messages handed to an endpoint's handler.")
                .add(b.delivered()));
        out.add(new Family("v2e_broker_errors_total", Type.counter, "Handler failures answered with an error.")
                .add(b.errors()));
        out.add(new Family("v2e_broker_drops_total", Type.counter, "Messages dropped by an offer policy or size limit.")
                .add(b.drops()));
        out.add(new Family("v2e_broker_unknown_target_total", Type.counter, "Messages to a target nobody holds.")
                .add(b.unknownTarget()));
        out.add(new Family("v2e_broker_unroutable_total", Type.counter,
                "Responses and errors that could not be delivered (counted, never answered).").add(b.unroutable()));
        out.add(new Family("v2e_broker_queue_depth", Type.gauge, "Messages waiting in every endpoint's queue.")
                .add(b.queueDepth()));
    }

    private static void endpoints(Snapshot s, List<Family> out) {
        Family received = new Family("v2e_endpoint_received_total", Type.counter, "Messages accepted for the endpoint.");
        Family delivered = new Family("v2e_endpoint_delivered_total", Type.counter, "Messages handed to its handler.");
        Family errors = new Family("v2e_endpoint_errors_total", Type.counter, "Its handler's failures.");
        Family drops = new Family("v2e_endpoint_drops_total", Type.counter, "Messages to it that were dropped.");
        Family depth = new Family("v2e_endpoint_queue_depth", Type.gauge, "Messages waiting in its queue.");
        Family worker = new Family("v2e_endpoint_worker", Type.gauge, "Index of the worker serving its queue.");
        Family connections = new Family("v2e_endpoints", Type.gauge,
                "Endpoint names held, by kind (external = named connections of other processes, through the transport).");
        long internal = 0;
        long external = 0;
        long broker = 0;
        for (EndpointStats e : s.broker().endpoints()) {
            String kind = kind(e);
            received.add(e.received(), "endpoint", e.name(), "kind", kind);
            delivered.add(e.delivered(), "endpoint", e.name(), "kind", kind);
            errors.add(e.errors(), "endpoint", e.name(), "kind", kind);
            drops.add(e.drops(), "endpoint", e.name(), "kind", kind);
            depth.add(e.queueDepth(), "endpoint", e.name(), "kind", kind);
            worker.add(e.worker(), "endpoint", e.name(), "kind", kind);
            switch (e.kind()) {
                case EXTERNAL -> external++;
                case BROKER -> broker++;
                default -> internal++;
            }
        }
        connections.add(internal, "kind", "internal").add(external, "kind", "external").add(broker, "kind", "broker");
        out.add(received);
        out.add(delivered);
        out.add(errors);
        out.add(drops);
        out.add(depth);
        out.add(worker);
        out.add(connections);
    }

    private static void latencies(Snapshot s, List<Family> out) {
        Family latency = new Family("v2e_endpoint_latency_seconds", Type.gauge,
                "Latency percentiles per endpoint: stage queue = accepted to handler start, handler = inside the handler; "
                        + "window start = since the broker started, recent = the broker's sliding window.");
        Family count = new Family("v2e_endpoint_latency_samples", Type.gauge,
                "How many messages the percentiles of the same labels cover.");
        for (EndpointStats e : s.broker().endpoints()) {
            latency(latency, count, e.name(), "queue", "start", e.queueLatency());
            latency(latency, count, e.name(), "handler", "start", e.handlerLatency());
        }
        RecentLatency recent = s.recent();
        Family all = new Family("v2e_broker_latency_seconds", Type.gauge,
                "Latency percentiles over every endpoint in the recent window (stage queue or handler).");
        Family window = new Family("v2e_broker_recent_window_seconds", Type.gauge,
                "How many seconds the recent-window percentiles cover.");
        if (recent != null) {
            for (RecentLatency.Endpoint e : recent.endpoints()) {
                latency(latency, count, e.name(), "queue", "recent", e.queueLatency());
                latency(latency, count, e.name(), "handler", "recent", e.handlerLatency());
            }
            percentiles(all, recent.queueLatency(), "stage", "queue", "window", "recent");
            percentiles(all, recent.handlerLatency(), "stage", "handler", "window", "recent");
            window.add(recent.windowMillis() / 1e3);
        }
        out.add(latency);
        out.add(count);
        out.add(all);
        out.add(window);
    }

    private static void latency(Family latency, Family count, String endpoint, String stage, String window, Latency l) {
        percentiles(latency, l, "endpoint", endpoint, "stage", stage, "window", window);
        count.add(l.count(), "endpoint", endpoint, "stage", stage, "window", window);
    }

    private static void percentiles(Family f, Latency l, String... labels) {
        long[] ns = {l.p50(), l.p90(), l.p99(), l.p999(), l.max()};
        for (int i = 0; i < QUANTILES.length; i++) {
            String[] withQuantile = java.util.Arrays.copyOf(labels, labels.length + 2);
            withQuantile[labels.length] = "quantile";
            withQuantile[labels.length + 1] = QUANTILES[i];
            f.add(ns[i] / 1e9, withQuantile);
        }
    }

    private static void workers(WorkersReport report, List<Family> out) {
        Family info = new Family("v2e_worker_info", Type.gauge,
                "1 per broker worker, labelled with its thread id, the provider that tuned it and its CPU (-1 until tuned).");
        Family handled = new Family("v2e_worker_handled_total", Type.counter, "Messages the worker handled.");
        Family current = new Family("v2e_worker_tuning_current", Type.gauge,
                "1 while the worker serves with the latest tuning applied.");
        Family outcome = new Family("v2e_worker_tuning_outcome", Type.gauge,
                "1 per worker and setting: outcome APPLIED, UNSUPPORTED or DENIED, detail the provider's full answer.");
        Family nice = new Family("v2e_worker_nice", Type.gauge, "The worker's nice value as /proc shows it.");
        Family policy = new Family("v2e_worker_scheduling_policy", Type.gauge,
                "1 per worker, labelled with its scheduling policy (/proc) and real-time priority.");
        Family lastCpu = new Family("v2e_worker_last_cpu", Type.gauge, "The CPU the worker last ran on (/proc).");
        for (WorkersReport.WorkerState w : report.workers()) {
            String name = w.name();
            info.add(1, "worker", name, "tid", Integer.toString(w.tid()), "provider", w.provider() == null ? "none"
                    : w.provider(), "cpu", w.cpu() == null ? "-1" : Integer.toString(w.cpu()));
            handled.add(w.handled(), "worker", name);
            current.add(w.tuningCurrent() ? 1 : 0, "worker", name);
            WorkersReport.Outcomes o = w.outcomes();
            if (o != null) {
                outcome(outcome, name, "affinity", o.affinity());
                outcome(outcome, name, "nice", o.nice());
                outcome(outcome, name, "io_priority", o.ioPriority());
                outcome(outcome, name, "scheduling", o.scheduling());
                outcome(outcome, name, "restore", o.restore());
            }
            WorkersReport.ProcThreadState proc = w.proc();
            if (proc != null) {
                if (proc.nice() != null) {
                    nice.add(proc.nice(), "worker", name);
                }
                if (proc.policy() != null) {
                    policy.add(1, "worker", name, "policy", proc.policy(), "rt_priority",
                            proc.rtPriority() == null ? "0" : proc.rtPriority().toString());
                }
                if (proc.lastCpu() != null) {
                    lastCpu.add(proc.lastCpu(), "worker", name);
                }
            }
        }
        out.add(info);
        out.add(handled);
        out.add(current);
        out.add(outcome);
        out.add(nice);
        out.add(policy);
        out.add(lastCpu);
    }

    /** A setting's outcome text ({@code DENIED(EACCES)}, {@code APPLIED}); null or "-" = not attempted, left out. */
    private static void outcome(Family f, String worker, String setting, String text) {
        if (text == null || text.isBlank() || "-".equals(text)) {
            return;
        }
        int paren = text.indexOf('(');
        String word = (paren < 0 ? text : text.substring(0, paren)).trim();
        f.add(1, "worker", worker, "setting", setting, "outcome", word, "detail", text);
    }

    private static String kind(EndpointStats e) {
        return e.kind().name().toLowerCase(Locale.ROOT);
    }
}
