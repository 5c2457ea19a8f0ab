package io.v2e.shell.internal;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Reading;

/**
 * Renders a {@link TuningReport} as JSON for programs. A reading is an object with
 * {@code status} (APPLIED, UNSUPPORTED, DENIED), {@code value} when APPLIED, and {@code errno}
 * and {@code detail} otherwise; CPU sets are Linux cpulists ("0-3,8").
 */
final class TuningReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TuningReportJson() {
    }

    static String render(TuningReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        if (report.resolved().isPresent()) {
            root.put("provider", report.resolved().get().name());
        } else {
            root.putNull("provider");
        }
        if (report.selection().isPresent()) {
            ProviderSelection s = report.selection().get();
            ObjectNode sel = root.putObject("selection");
            sel.put("provider", s.selected());
            sel.put("using", s.using());
            sel.put("reason", s.reason());
            sel.put("target", s.target());
            putOptional(sel, "rejected", s.rejected());
        } else {
            root.putNull("selection");
        }
        putOptional(root, "allowedCpus", report.allowedCpus());
        var providers = root.putArray("providers");
        for (TuningReport.ProviderLine p : report.providers()) {
            ObjectNode n = providers.addObject();
            n.put("name", p.name());
            n.put("serviceRanking", p.ranking());
            n.put("serviceId", p.serviceId());
            n.put("bundle", p.bundle());
            n.put("callCostNanos", p.capabilities().callCostNanos());
            ObjectNode caps = n.putObject("capabilities");
            for (Operation op : Operation.values()) {
                Capability c = p.capabilities().of(op);
                ObjectNode cn = caps.putObject(op.name());
                cn.put("supported", c.supported());
                cn.put("permitted", c.permitted());
                cn.put("detail", c.detail());
            }
        }
        TuningReport.ThreadState t = report.thread();
        if (t != null) {
            ObjectNode thread = root.putObject("thread");
            thread.put("name", t.javaName());
            putReading(thread, "tid", t.tid());
            putReading(thread, "affinity", t.affinity());
            putReading(thread, "currentCpu", t.currentCpu());
            putReading(thread, "nice", t.nice());
            putReading(thread, "ioPriority", t.ioPriority());
            putReading(thread, "scheduling", t.scheduling());
        }
        ObjectNode proc = root.putObject("proc");
        putOptional(proc, "tid", report.proc().tid());
        putOptional(proc, "threadAffinity", report.proc().threadAffinity());
        putOptional(proc, "threadNice", report.proc().threadNice());
        putOptional(proc, "processAffinity", report.proc().processAffinity());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the tuning report as JSON", e);
        }
    }

    private static void putReading(ObjectNode parent, String field, Reading<?> reading) {
        ObjectNode n = parent.putObject(field);
        n.put("status", reading.outcome().status().name());
        if (reading.isPresent()) {
            putValue(n, "value", reading.get());
        } else {
            n.put("errno", reading.outcome().errno());
            n.put("detail", reading.outcome().detail());
        }
    }

    private static void putOptional(ObjectNode parent, String field, Optional<?> value) {
        if (value.isPresent()) {
            putValue(parent, field, value.get());
        } else {
            parent.putNull(field);
        }
    }

    private static void putValue(ObjectNode parent, String field, Object value) {
        if (value instanceof Integer) {
            parent.put(field, (Integer) value);
        } else {
            parent.put(field, String.valueOf(value));
        }
    }
}
