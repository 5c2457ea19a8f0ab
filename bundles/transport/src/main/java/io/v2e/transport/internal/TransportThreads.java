package io.v2e.transport.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.v2e.tuning.api.Reading;

/**
 * The transport's I/O threads as one immutable report: the plan in force, and per loop its
 * connections, counters, the outcomes it recorded when it tuned itself, what the provider read
 * back and what /proc shows now. What {@code transport:threads} prints and RPCGetTransportThreads
 * answers (as JSON, snake_case keys like the broker's RPCs: {@code proc_nice}, {@code ready_events});
 * other bundles' metrics may read the same numbers through that RPC.
 *
 * @param provider   the provider of the plan in force, or "none"
 * @param cpus       the loops' working CPUs (cpulist)
 * @param placement  {@code set} or {@code cpu}
 * @param nice       configured nice
 * @param ioPriority configured I/O priority ({@code best_effort/0})
 * @param scheduling configured policy ({@code other/0}, {@code fifo/10})
 * @param loops      one entry per loop thread
 */
public record TransportThreads(String provider, String cpus, String placement, int nice, String ioPriority,
        String scheduling, List<Loop> loops) {

    /** snake_case, as the broker's own RPCs (RpcJson). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /**
     * One loop thread.
     *
     * @param tuningCurrent true once the loop applied the plan in force (false until it got to it)
     * @param restore       outcome of undoing the previous provider (empty when there was none to undo)
     * @param procCpus      /proc Cpus_allowed_list now
     * @param procPolicy    /proc policy name now (other, fifo, rr, batch, idle)
     * @param wakeups       times another thread had to wake the loop's selector (it slept in select)
     * @param selects       select rounds
     * @param readyEvents   channels the selector reported ready
     * @param tasksRun      tasks other threads handed the loop (registrations, flushes after a partial write, closes)
     */
    public record Loop(String name, int tid, int connections, boolean tuningCurrent, String provider, String cpus, String restore,
            String affinity, String nice, String ioPriority, String scheduling, String readAffinity, String readNice,
            String readIoPriority, String readScheduling, String procCpus, int procNice, String procPolicy,
            int procRtPriority, int procLastCpu, long wakeups, long selects, long readyEvents, long tasksRun) {
    }

    static TransportThreads of(LoopPlan plan, List<IoLoop> loops) {
        List<Loop> list = new ArrayList<>();
        for (IoLoop l : loops) {
            LoopReport r = l.report();
            LoopReport.ProcView now = LoopReport.ProcView.ofThread(l.tid());
            String pending = "pending";
            list.add(new Loop(l.getName(), l.tid(), l.connectionCount(), l.hasApplied(plan), r == null ? pending : r.provider(),
                    r == null ? plan.cpusOf(l.index).toString() : r.cpus(),
                    r == null || r.restore() == null ? "" : r.restore().toString(),
                    r == null ? pending : r.affinity().toString(), r == null ? pending : r.nice().toString(),
                    r == null ? pending : r.ioPriority().toString(), r == null ? pending : r.scheduling().toString(),
                    r == null ? pending : shown(r.readAffinity()), r == null ? pending : shown(r.readNice()),
                    r == null ? pending : shown(r.readIoPriority()), r == null ? pending : shown(r.readScheduling()),
                    now.cpusAllowedList(), now.nice(), now.policyName(), now.rtPriority(), now.lastCpu(), l.wakeups(),
                    l.selects(), l.readyEvents(), l.tasksRun()));
        }
        return new TransportThreads(plan.providerName(), plan.cpus().toString(), plan.placement().name(), plan.nice(),
                plan.ioPriority().toString(), plan.scheduling().toString(), List.copyOf(list));
    }

    private static String shown(Reading<?> r) {
        return r.value().map(String::valueOf).orElse(r.outcome().toString());
    }

    /** For people: the plan, then one block per loop. */
    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("provider %s, %d I/O loop thread(s), CPUs %s (placement %s), nice %d, I/O %s, scheduling %s",
                provider, loops.size(), cpus, placement, nice, ioPriority, scheduling));
        for (Loop l : loops) {
            b.append(String.format("%n%s tid %d: %d connection(s), CPUs %s via %s", l.name(), l.tid(), l.connections(),
                    l.cpus(), l.provider()));
            if (!l.restore().isEmpty()) {
                b.append(String.format("%n  restore of the previous provider: %s", l.restore()));
            }
            b.append(String.format("%n  set:       affinity %s, nice %s, I/O %s, scheduling %s", l.affinity(), l.nice(),
                    l.ioPriority(), l.scheduling()));
            b.append(String.format("%n  read back: affinity %s, nice %s, I/O %s, scheduling %s", l.readAffinity(),
                    l.readNice(), l.readIoPriority(), l.readScheduling()));
            b.append(String.format("%n  /proc:     Cpus_allowed_list %s, nice %d, policy %s, rt_priority %d, last CPU %d",
                    l.procCpus(), l.procNice(), l.procPolicy(), l.procRtPriority(), l.procLastCpu()));
            b.append(String.format("%n  counters:  %d selects, %d ready events, %d tasks, %d wake-ups", l.selects(),
                    l.readyEvents(), l.tasksRun(), l.wakeups()));
        }
        return b.toString();
    }

    /** The report as JSON (the payload of RPCGetTransportThreads). */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the threads report: " + e.getMessage(), e);
        }
    }

}
