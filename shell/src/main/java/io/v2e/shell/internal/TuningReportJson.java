package io.v2e.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Reading;

/**
 * Renders a {@link TuningReport} as JSON for programs (camelCase member names, as since the first
 * version of {@code tuning:info --json}). A reading is an object with {@code status} (APPLIED,
 * UNSUPPORTED, DENIED), {@code value} when APPLIED, and {@code errno} and {@code detail} otherwise;
 * CPU sets are Linux cpulists ("0-3,8"). Absent facts are null members, never missing ones, except
 * {@code thread}, absent without a provider.
 */
final class TuningReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private TuningReportJson() {
    }

    record Root(String provider, Selection selection, String allowedCpus, List<Provider> providers,
            @JsonInclude(JsonInclude.Include.NON_NULL) ThreadJson thread, Proc proc) {
    }

    /** The published per-host selection; {@code rejected}: why the last one was refused, or null. */
    record Selection(String provider, String using, String reason, String target, String rejected) {
    }

    /** {@code capabilities}: per {@link Operation} name, in the enum's order. */
    record Provider(String name, int serviceRanking, long serviceId, String bundle, long callCostNanos,
            Map<String, CapabilityJson> capabilities) {
    }

    record CapabilityJson(boolean supported, boolean permitted, String detail) {
    }

    /** The calling thread as the resolved provider reads it back. */
    record ThreadJson(String name, ReadingJson tid, ReadingJson affinity, ReadingJson currentCpu, ReadingJson nice,
            ReadingJson ioPriority, ReadingJson scheduling) {
    }

    /** One of two shapes, by outcome. */
    sealed interface ReadingJson permits Value, Refusal {
    }

    /** An APPLIED reading: a number, or the value's text (cpulist, I/O priority, policy). */
    record Value(String status, Object value) implements ReadingJson {
    }

    /** An UNSUPPORTED or DENIED reading. */
    record Refusal(String status, String errno, String detail) implements ReadingJson {
    }

    /** What /proc says, read independently of any provider. */
    record Proc(Integer tid, String threadAffinity, Integer threadNice, String processAffinity) {
    }

    static String render(TuningReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the tuning report as JSON", e);
        }
    }

    private static Root root(TuningReport report) {
        Selection selection = report.selection().map(s -> new Selection(s.selected(), s.using(), s.reason(), s.target(),
                text(s.rejected()))).orElse(null);
        List<Provider> providers = report.providers().stream().map(TuningReportJson::provider).toList();
        TuningReport.ThreadState t = report.thread();
        ThreadJson thread = t == null ? null : new ThreadJson(t.javaName(), reading(t.tid()), reading(t.affinity()),
                reading(t.currentCpu()), reading(t.nice()), reading(t.ioPriority()), reading(t.scheduling()));
        ProcThreadView proc = report.proc();
        return new Root(report.resolved().map(TuningReport.ProviderLine::name).orElse(null), selection,
                text(report.allowedCpus()), providers, thread, new Proc(proc.tid().orElse(null), text(proc.threadAffinity()),
                        proc.threadNice().orElse(null), text(proc.processAffinity())));
    }

    private static Provider provider(TuningReport.ProviderLine p) {
        Map<String, CapabilityJson> caps = new LinkedHashMap<>();
        for (Operation op : Operation.values()) {
            Capability c = p.capabilities().of(op);
            caps.put(op.name(), new CapabilityJson(c.supported(), c.permitted(), c.detail()));
        }
        return new Provider(p.name(), p.ranking(), p.serviceId(), p.bundle(), p.capabilities().callCostNanos(), caps);
    }

    private static ReadingJson reading(Reading<?> r) {
        String status = r.outcome().status().name();
        return r.isPresent() ? new Value(status, jsonValue(r.get())) : new Refusal(status, r.outcome().errno(),
                r.outcome().detail());
    }

    /** An Integer stays a number; anything else is its text. */
    private static Object jsonValue(Object v) {
        return v instanceof Integer ? v : String.valueOf(v);
    }

    private static String text(Optional<?> v) {
        return v.map(String::valueOf).orElse(null);
    }
}
