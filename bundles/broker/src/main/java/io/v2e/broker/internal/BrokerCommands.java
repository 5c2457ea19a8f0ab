package io.v2e.broker.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * Gogo shell commands of scope {@code broker}. They use only the public {@link Broker} service
 * and its RPCs, so what the shell shows is what any client can ask. Output is meant for people;
 * {@code broker:send broker RPCGetWorkers {}} gives the same data as JSON.
 */
@Component(service = BrokerCommands.class, property = {
        "osgi.command.scope=broker",
        "osgi.command.function=stats",
        "osgi.command.function=endpoints",
        "osgi.command.function=workers",
        "osgi.command.function=send"})
public final class BrokerCommands {

    static final String SHELL_SOURCE = "shell";
    private static final long TIMEOUT_MS = 10_000;
    private static final long SETTLE_MS = 3_000;

    private final ObjectMapper json = new ObjectMapper();

    @Reference
    private Broker broker;

    public BrokerCommands() {
    }

    BrokerCommands(Broker broker) {
        this.broker = broker;
    }

    /** broker:stats - totals and per endpoint counters and latency percentiles (microseconds). */
    public String stats() throws Exception {
        JsonNode s = rpc(BrokerRpc.GET_MESSAGE_STATS);
        JsonNode t = s.path("totals");
        StringBuilder out = new StringBuilder();
        out.append(String.format("total: received %d, delivered %d, errors %d, drops %d, queued %d, unknown target %d, unroutable %d%n",
                t.path("received").asLong(), t.path("delivered").asLong(), t.path("errors").asLong(),
                t.path("drops").asLong(), t.path("queue_depth").asLong(), t.path("unknown_target").asLong(),
                t.path("unroutable").asLong()));
        out.append(String.format("%-24s %-8s %6s %10s %10s %8s %8s %7s %21s %21s%n", "ENDPOINT", "KIND", "WORKER",
                "RECEIVED", "DELIVERED", "ERRORS", "DROPS", "QUEUED", "QUEUE p50/p99 us", "HANDLER p50/p99 us"));
        for (JsonNode e : s.path("endpoints")) {
            out.append(String.format("%-24s %-8s %6d %10d %10d %8d %8d %7d %21s %21s%n", e.path("name").asText(),
                    e.path("kind").asText(), e.path("worker").asInt(), e.path("received").asLong(),
                    e.path("delivered").asLong(), e.path("errors").asLong(), e.path("drops").asLong(),
                    e.path("queue_depth").asLong(), micros(e.path("queue_latency_ns")),
                    micros(e.path("handler_latency_ns"))));
        }
        return withoutLastNewline(out);
    }

    /** broker:endpoints - the names messages can be sent to. */
    public String endpoints() throws Exception {
        StringBuilder out = new StringBuilder(String.format("%-32s %-8s %s%n", "NAME", "KIND", "WORKER"));
        for (JsonNode e : rpc(BrokerRpc.LIST_ENDPOINTS).path("endpoints")) {
            out.append(String.format("%-32s %-8s %d%n", e.path("name").asText(), e.path("kind").asText(),
                    e.path("worker").asInt()));
        }
        return withoutLastNewline(out);
    }

    /** broker:workers - each worker's thread, CPU, nice, I/O priority and scheduling policy, as set and as read back. */
    public String workers() throws Exception {
        JsonNode w = rpc(BrokerRpc.GET_WORKERS);
        // Right after boot (bin/v2e CMD) the provider may still be activating: wait a little for it.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        while (!settled(w) && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            w = rpc(BrokerRpc.GET_WORKERS);
        }
        StringBuilder out = new StringBuilder("provider: " + w.path("provider").asText() + System.lineSeparator());
        JsonNode c = w.path("config");
        out.append(String.format("config: workers %s, cpus '%s', nice %s, io %s/%s, scheduling %s%s, queue %s (%s), idle %s%n",
                c.path("workers").asText(), c.path("cpus").asText(), c.path("nice").asText(), c.path("io_class").asText(),
                c.path("io_level").asText(), c.path("worker_scheduling").asText(),
                c.path("worker_scheduling").asText().matches("fifo|rr") ? "/" + c.path("worker_rt_priority").asText() : "",
                c.path("queue_capacity").asText(), c.path("offer_policy").asText(), c.path("idle_strategy").asText()));
        if (!c.path("last_rejection").isNull() && !c.path("last_rejection").isMissingNode()) {
            out.append("last configuration REJECTED (previous one in force): ").append(c.path("last_rejection").asText())
                    .append(System.lineSeparator());
        }
        for (JsonNode o : w.path("workers")) {
            JsonNode oc = o.path("outcomes");
            JsonNode rb = o.path("provider_readback");
            JsonNode proc = o.path("proc");
            out.append(String.format("%s tid %d cpu %s handled %d%s%n", o.path("name").asText(), o.path("tid").asInt(),
                    o.path("cpu").asText("?"), o.path("handled").asLong(),
                    o.path("tuning_current").asBoolean() ? "" : " (retune pending: applies after its current message)"));
            out.append(String.format("  set:       affinity %s, nice %s, io %s, scheduling %s, restore %s%n",
                    oc.path("affinity").asText(), oc.path("nice").asText(), oc.path("io_priority").asText(),
                    oc.path("scheduling").asText(), oc.path("restore").asText("-")));
            out.append(String.format("  provider:  affinity %s, nice %s, io %s, scheduling %s%n", rb.path("affinity").asText(),
                    rb.path("nice").asText(), rb.path("io_priority").asText(), rb.path("scheduling").asText()));
            out.append(String.format("  /proc:     Cpus_allowed_list %s, nice %s, policy %s/%s, last cpu %s%n",
                    proc.path("cpus_allowed_list").asText("?"), proc.path("nice").asText("?"),
                    proc.path("policy").asText("?"), proc.path("rt_priority").asText("?"), proc.path("last_cpu").asText("?")));
        }
        return withoutLastNewline(out);
    }

    private static boolean settled(JsonNode w) {
        if (w.path("provider_pending").asBoolean()) {
            return false;
        }
        for (JsonNode o : w.path("workers")) {
            if (!o.path("tuning_current").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    /** broker:send TARGET METHOD JSON - sends a request and prints the answer (one JSON line). */
    public String send(String target, String method, Object payload) throws Exception {
        // Gogo hands an unquoted {...} over as a closure; its text is the JSON the user typed.
        String text = String.valueOf(payload).trim();
        try {
            json.readTree(text);
        } catch (JsonProcessingException e) {
            return "not JSON: " + text + " (" + e.getOriginalMessage() + ")";
        }
        Message answer = broker.request(Message.request(SHELL_SOURCE, target, method, text, null), TIMEOUT_MS)
                .get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
        return answer.toString();
    }

    private JsonNode rpc(String method) throws InterruptedException, ExecutionException, TimeoutException,
            JsonProcessingException {
        Message answer = broker.request(Message.request(SHELL_SOURCE, Broker.BROKER_TARGET, method, "{}", null),
                TIMEOUT_MS).get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
        if (answer.type() != MessageType.RESPONSE) {
            throw new IllegalStateException(method + " failed: " + answer.error());
        }
        return json.readTree(answer.payload());
    }

    /** The shell prints a command's result followed by a newline of its own. */
    private static String withoutLastNewline(StringBuilder out) {
        String text = out.toString();
        String nl = System.lineSeparator();
        return text.endsWith(nl) ? text.substring(0, text.length() - nl.length()) : text;
    }

    private static String micros(JsonNode l) {
        if (l.path("count").asLong() == 0) {
            return "-";
        }
        return String.format("%.1f/%.1f", l.path("p50").asLong() / 1000.0, l.path("p99").asLong() / 1000.0);
    }
}
