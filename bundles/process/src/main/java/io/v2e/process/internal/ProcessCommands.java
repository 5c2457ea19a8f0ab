package io.v2e.process.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.process.api.ProcessId;
import io.v2e.process.api.ProcessList;
import io.v2e.process.api.ProcessLog;
import io.v2e.process.api.ProcessMethods;
import io.v2e.process.api.StopResponse;

/**
 * Gogo commands {@code broker:processes}, {@code process:log NAME}, {@code process:stop NAME}.
 * They ask the broker's RPCs, so the shell shows what any client can ask
 * ({@code broker:send broker RPCListProcesses {}} gives the JSON). Threading: Gogo's.
 */
@Component(service = ProcessCommands.class, property = {
        "osgi.command.scope=broker", "osgi.command.function=processes"})
public final class ProcessCommands {

    private static final long TIMEOUT_MS = 20_000;

    @Reference
    private Broker broker;

    public ProcessCommands() {
    }

    ProcessCommands(Broker broker) {
        this.broker = broker;
    }

    /** broker:processes - every supervised service, its state and its tuning read back from /proc. */
    public String processes() throws Exception {
        ProcessList list = rpc(ProcessMethods.LIST_PROCESSES, "{}", ProcessList.class);
        StringBuilder out = new StringBuilder(String.format("%-20s %-6s %-9s %-9s %8s %8s %10s %s%n", "NAME", "ORIGIN",
                "TRANSPORT", "STATE", "PID", "RESTARTS", "UPTIME", "LAST EXIT"));
        for (ProcessList.Entry e : list.processes()) {
            out.append(String.format("%-20s %-6s %-9s %-9s %8s %8s %10s %s%n", e.name(), e.origin(), orDash(e.transport()),
                    e.state(), orDash(e.pid()), e.restarts() + (e.maxRestarts() >= 0 ? "/" + e.maxRestarts() : ""),
                    e.uptimeMs() == null ? "-" : uptime(e.uptimeMs()), orDash(e.lastExit())));
            if (e.lastError() != null) {
                out.append("    error:  ").append(e.lastError()).append('\n');
            }
            for (Map.Entry<String, String> t : e.tuning().entrySet()) {
                out.append("    tuning: ").append(t.getKey()).append(" -> ").append(t.getValue()).append('\n');
            }
            ProcessList.Proc p = e.proc();
            if (p != null) {
                out.append(String.format("    /proc:  %d threads, cpus %s, nice %s, policy %s, io %s%n", p.threads(),
                        join(p.cpusAllowedList()), join(p.nice()), join(p.policy()),
                        p.ioPriority().isEmpty() ? "(no provider)" : join(p.ioPriority())));
            }
        }
        if (list.setpriv() == null) {
            out.append("warning: no setpriv found - children outlive a SIGKILLed container\n");
        }
        return out.toString().stripTrailing();
    }

    private static String join(List<?> values) {
        return values.size() == 1 ? String.valueOf(values.get(0)) : values.toString();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    static String uptime(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "." + (d.toMillisPart() / 100) + "s";
    }

    /** process:log NAME (registered by {@link LogCommands}). */
    String log(String name) throws Exception {
        ProcessLog log = rpc(ProcessMethods.GET_PROCESS_LOG, RpcJson.write(new ProcessId(name)), ProcessLog.class);
        StringBuilder out = new StringBuilder();
        if (log.dropped() > 0) {
            out.append("(").append(log.dropped()).append(" older lines dropped)\n");
        }
        log.lines().forEach(l -> out.append(l).append('\n'));
        return out.toString().stripTrailing();
    }

    /** process:stop NAME (registered by {@link LogCommands}). */
    String stop(String name) throws Exception {
        StopResponse r = rpc(ProcessMethods.STOP_PROCESS, RpcJson.write(new ProcessId(name)), StopResponse.class);
        return r.id() + ": " + r.state() + (r.pid() > 0 ? " (pid " + r.pid() + ")" : "");
    }

    private <T> T rpc(String method, String payload, Class<T> type) throws Exception {
        Message answer = broker.request(Message.request("shell", Broker.BROKER_TARGET, method, payload, null), TIMEOUT_MS)
                .get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
        if (answer.type() != MessageType.RESPONSE) {
            throw new IllegalStateException(method + ": " + answer.error());
        }
        return RpcJson.read(answer.payload(), type);
    }

    /** Gogo commands of scope {@code process}: {@code process:log NAME}, {@code process:stop NAME}. */
    @Component(service = LogCommands.class, property = {
            "osgi.command.scope=process", "osgi.command.function=log", "osgi.command.function=stop"})
    public static final class LogCommands {

        @Reference
        private Broker broker;

        public String log(String name) throws Exception {
            return new ProcessCommands(broker).log(name);
        }

        public String stop(String name) throws Exception {
            return new ProcessCommands(broker).stop(name);
        }
    }
}
