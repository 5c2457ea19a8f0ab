package io.v2e.broker.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.MessageStats;
import io.v2e.broker.api.rpc.MessageTotals;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.api.rpc.WorkersReport;

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

    /** Only to check that what the user typed is JSON before sending it. */
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
        MessageStats s = rpc(BrokerMethods.GET_MESSAGE_STATS, MessageStats.class);
        MessageTotals t = s.totals();
        StringBuilder out = new StringBuilder();
        out.append(String.format("total: received %d, delivered %d, errors %d, drops %d, queued %d, unknown target %d, unroutable %d, forged answers %d%n",
                t.received(), t.delivered(), t.errors(), t.drops(), t.queueDepth(), t.unknownTarget(), t.unroutable(),
                t.forgedAnswers()));
        out.append(String.format("%-24s %-8s %6s %10s %10s %8s %8s %7s %21s %21s%n", "ENDPOINT", "KIND", "WORKER",
                "RECEIVED", "DELIVERED", "ERRORS", "DROPS", "QUEUED", "QUEUE p50/p99 us", "HANDLER p50/p99 us"));
        for (EndpointStats e : s.endpoints()) {
            out.append(String.format("%-24s %-8s %6d %10d %10d %8d %8d %7d %21s %21s%n", e.name(), e.kind().wireName(),
                    e.worker(), e.received(), e.delivered(), e.errors(), e.drops(), e.queueDepth(),
                    micros(e.queueLatency()), micros(e.handlerLatency())));
        }
        return withoutLastNewline(out);
    }

    /** broker:endpoints - the names messages can be sent to. */
    public String endpoints() throws Exception {
        StringBuilder out = new StringBuilder(String.format("%-32s %-8s %s%n", "NAME", "KIND", "WORKER"));
        for (EndpointList.Entry e : rpc(BrokerMethods.LIST_ENDPOINTS, EndpointList.class).endpoints()) {
            out.append(String.format("%-32s %-8s %d%s%s%n", e.name(), e.kind().wireName(), e.worker(),
                    e.host() == null ? "" : " host " + e.host(), e.peer() == null ? "" : " peer " + e.peer().describe()));
        }
        return withoutLastNewline(out);
    }

    /** broker:workers - each worker's thread, CPU, nice, I/O priority and scheduling policy, as set and as read back. */
    public String workers() throws Exception {
        WorkersReport w = rpc(BrokerMethods.GET_WORKERS, WorkersReport.class);
        // Right after boot (bin/v2e CMD) the provider may still be activating: wait a little for it.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        while (!w.settled() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            w = rpc(BrokerMethods.GET_WORKERS, WorkersReport.class);
        }
        StringBuilder out = new StringBuilder("provider: " + w.provider() + System.lineSeparator());
        WorkersReport.Config c = w.config();
        boolean realTime = c.workerScheduling().equals("fifo") || c.workerScheduling().equals("rr");
        out.append(String.format("config: workers %d, cpus '%s', nice %d, io %s/%d, scheduling %s%s, queue %d (%s), idle %s%n",
                c.workers(), c.cpus(), c.nice(), c.ioClass(), c.ioLevel(), c.workerScheduling(),
                realTime ? "/" + c.workerRtPriority() : "", c.queueCapacity(), c.offerPolicy(), c.idleStrategy()));
        if (c.lastRejection() != null) {
            out.append("last configuration REJECTED (previous one in force): ").append(c.lastRejection())
                    .append(System.lineSeparator());
        }
        for (WorkersReport.WorkerState o : w.workers()) {
            out.append(String.format("%s tid %d cpu %s handled %d%s%n", o.name(), o.tid(), orElse(o.cpu(), "?"),
                    o.handled(), o.tuningCurrent() ? "" : " (retune pending: applies after its current message)"));
            WorkersReport.Outcomes oc = o.outcomes() != null ? o.outcomes()
                    : new WorkersReport.Outcomes(null, null, null, null, null);
            WorkersReport.Readback rb = o.providerReadback() != null ? o.providerReadback()
                    : new WorkersReport.Readback(null, null, null, null, null);
            WorkersReport.ProcThreadState proc = o.proc() != null ? o.proc()
                    : new WorkersReport.ProcThreadState(null, null, null, null, null);
            out.append(String.format("  set:       affinity %s, nice %s, io %s, scheduling %s, restore %s%n",
                    orElse(oc.affinity(), ""), orElse(oc.nice(), ""), orElse(oc.ioPriority(), ""),
                    orElse(oc.scheduling(), ""), orElse(oc.restore(), "-")));
            out.append(String.format("  provider:  affinity %s, nice %s, io %s, scheduling %s%n", orElse(rb.affinity(), ""),
                    orElse(rb.nice(), ""), orElse(rb.ioPriority(), ""), orElse(rb.scheduling(), "")));
            out.append(String.format("  /proc:     Cpus_allowed_list %s, nice %s, policy %s/%s, last cpu %s%n",
                    orElse(proc.cpusAllowedList(), "?"), orElse(proc.nice(), "?"), orElse(proc.policy(), "?"),
                    orElse(proc.rtPriority(), "?"), orElse(proc.lastCpu(), "?")));
        }
        return withoutLastNewline(out);
    }

    private static String orElse(Object value, String absent) {
        return value == null ? absent : value.toString();
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

    private <T> T rpc(String method, Class<T> type) throws InterruptedException, ExecutionException, TimeoutException {
        Message answer = broker.request(Message.request(SHELL_SOURCE, Broker.BROKER_TARGET, method, "{}", null),
                TIMEOUT_MS).get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
        if (answer.type() != MessageType.RESPONSE) {
            throw new IllegalStateException(method + " failed: " + answer.error());
        }
        return RpcJson.read(answer.payload(), type);
    }

    /** The shell prints a command's result followed by a newline of its own. */
    private static String withoutLastNewline(StringBuilder out) {
        String text = out.toString();
        String nl = System.lineSeparator();
        return text.endsWith(nl) ? text.substring(0, text.length() - nl.length()) : text;
    }

    private static String micros(Latency l) {
        if (l.count() == 0) {
            return "-";
        }
        return String.format("%.1f/%.1f", l.p50() / 1000.0, l.p99() / 1000.0);
    }
}
