package io.v2e.broker.internal;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.proc.ProcThreads;
import io.v2e.tuning.api.proc.ThreadStat;

/**
 * The broker's own RPCs (target {@code broker}), served on a worker like any endpoint, so their
 * answers carry the caller's id and correlation id by the same path. Threading: one worker at a time.
 */
final class BrokerRpc implements Endpoint {

    static final String GET_MESSAGE_STATS = "RPCGetMessageStats";
    static final String GET_MESSAGE_COUNT = "RPCGetMessageCount";
    static final String LIST_ENDPOINTS = "RPCListEndpoints";
    static final String GET_WORKERS = "RPCGetWorkers";

    private final Router router;
    private final ObjectMapper json = new ObjectMapper();

    BrokerRpc(Router router) {
        this.router = router;
    }

    @Override
    public String handle(Message message) throws Exception {
        switch (message.id()) {
            case GET_MESSAGE_STATS: return json.writeValueAsString(messageStats(router.stats()));
            case GET_MESSAGE_COUNT: return json.writeValueAsString(messageCount(router.stats()));
            case LIST_ENDPOINTS: return json.writeValueAsString(endpoints(router.stats()));
            case GET_WORKERS: return json.writeValueAsString(workers());
            default:
                throw new IllegalArgumentException("unknown broker method '" + message.id() + "' (known: "
                        + GET_MESSAGE_STATS + ", " + GET_MESSAGE_COUNT + ", " + LIST_ENDPOINTS + ", " + GET_WORKERS + ")");
        }
    }

    ObjectNode messageCount(BrokerStats s) {
        ObjectNode n = json.createObjectNode();
        n.put("count", s.received());
        n.put("delivered", s.delivered());
        return n;
    }

    ObjectNode messageStats(BrokerStats s) {
        ObjectNode n = json.createObjectNode();
        ObjectNode t = n.putObject("totals");
        t.put("received", s.received());
        t.put("delivered", s.delivered());
        t.put("errors", s.errors());
        t.put("drops", s.drops());
        t.put("queue_depth", s.queueDepth());
        t.put("unknown_target", s.unknownTarget());
        t.put("unroutable", s.unroutable());
        ArrayNode list = n.putArray("endpoints");
        for (EndpointStats e : s.endpoints()) {
            ObjectNode o = list.addObject();
            o.put("name", e.name());
            o.put("kind", e.kind());
            o.put("worker", e.worker());
            o.put("received", e.received());
            o.put("delivered", e.delivered());
            o.put("errors", e.errors());
            o.put("drops", e.drops());
            o.put("queue_depth", e.queueDepth());
            latency(o.putObject("queue_latency_ns"), e.queueLatency());
            latency(o.putObject("handler_latency_ns"), e.handlerLatency());
        }
        return n;
    }

    ObjectNode endpoints(BrokerStats s) {
        ObjectNode n = json.createObjectNode();
        ArrayNode list = n.putArray("endpoints");
        for (EndpointStats e : s.endpoints()) {
            if (!"absent".equals(e.kind())) {
                ObjectNode o = list.addObject();
                o.put("name", e.name());
                o.put("kind", e.kind());
                o.put("worker", e.worker());
            }
        }
        return n;
    }

    ObjectNode workers() {
        ObjectNode n = json.createObjectNode();
        n.put("provider", router.providerName());
        n.put("provider_pending", router.providerPending());
        BrokerSettings s = router.settings();
        ObjectNode c = n.putObject("config");
        c.put("workers", s.workers());
        c.put("cpus", s.cpus().toString());
        c.put("nice", s.nice());
        c.put("io_class", s.ioPriority().ioClass().name().toLowerCase(java.util.Locale.ROOT));
        c.put("io_level", s.ioPriority().level());
        c.put("worker_scheduling", s.scheduling().policy().configName());
        c.put("worker_rt_priority", s.scheduling().priority());
        c.put("queue_capacity", s.queueCapacity());
        c.put("offer_policy", s.offerPolicy().configName());
        c.put("offer_timeout_ms", s.offerTimeoutMs());
        c.put("request_timeout_ms", s.requestTimeoutMs());
        c.put("max_message_bytes", s.maxMessageBytes());
        c.put("idle_strategy", s.idleStrategy().configName());
        c.put("drain_timeout_ms", s.drainTimeoutMs());
        c.put("last_rejection", router.lastRejection());
        ArrayNode list = n.putArray("workers");
        for (Worker w : router.workers()) {
            ObjectNode o = list.addObject();
            o.put("index", w.index);
            o.put("name", w.getName());
            o.put("tid", w.tid());
            o.put("handled", w.handled());
            // false while the worker is still in a handler and has not yet applied the latest plan
            o.put("tuning_current", w.hasApplied(router.plan()));
            WorkerReport r = w.report();
            if (r != null) {
                o.put("provider", r.provider());
                o.put("cpu", r.cpu());
                ObjectNode out = o.putObject("outcomes");
                out.put("restore", r.restore() == null ? null : r.restore().toString());
                out.put("affinity", str(r.affinity()));
                out.put("nice", str(r.nice()));
                out.put("io_priority", str(r.ioPriority()));
                out.put("scheduling", str(r.scheduling()));
                ObjectNode read = o.putObject("provider_readback");
                read.put("tid", str(r.readTid()));
                read.put("affinity", str(r.readAffinity()));
                read.put("nice", str(r.readNice()));
                read.put("io_priority", str(r.readIoPriority()));
                read.put("scheduling", str(r.readScheduling()));
            }
            ObjectNode proc = o.putObject("proc");
            proc.put("cpus_allowed_list", ProcThreads.cpusAllowedList(w.tid()).orElse(null));
            Optional<ThreadStat> stat = ProcThreads.stat(w.tid());
            stat.flatMap(ThreadStat::nice).ifPresent(nice -> proc.put("nice", nice));
            stat.flatMap(ThreadStat::policy).ifPresent(policy -> {
                proc.put("policy", policyName(policy));
                proc.put("rt_priority", stat.flatMap(ThreadStat::rtPriority).orElse(null));
            });
            stat.flatMap(ThreadStat::lastCpu).ifPresent(last -> proc.put("last_cpu", last));
        }
        return n;
    }

    /** {@code fifo} for 1, as configured; a number this API does not name stays a number. */
    private static String policyName(int policy) {
        try {
            return SchedulingPolicy.ofLinuxValue(policy).configName();
        } catch (IllegalArgumentException e) {
            return Integer.toString(policy);
        }
    }

    private static String str(Outcome o) {
        return o == null ? null : o.toString();
    }

    private static String str(Reading<?> r) {
        return r == null ? null : r.toString();
    }

    private static void latency(ObjectNode o, Latency l) {
        o.put("count", l.count());
        o.put("p50", l.p50());
        o.put("p90", l.p90());
        o.put("p99", l.p99());
        o.put("p999", l.p999());
        o.put("max", l.max());
    }
}
