package io.v2e.process.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.v2e.process.api.ProcessList;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;
import io.v2e.tuning.api.proc.ThreadStat;

/**
 * A process's tuning as the kernel shows it, over all its threads: /proc/PID/task/TID/status and
 * stat (independently of any provider), the I/O priority through the provider's ioprio_get (the
 * one value /proc does not show). Stateless.
 */
final class ProcView {

    private ProcView() {
    }

    static ProcessList.Proc of(int pid, TuningProvider provider) {
        List<Integer> tids = ProcThreads.tasksOf(pid);
        TreeSet<String> cpus = new TreeSet<>();
        TreeSet<Integer> nice = new TreeSet<>();
        TreeSet<String> policy = new TreeSet<>();
        TreeSet<String> io = new TreeSet<>();
        for (int tid : tids) {
            ProcThreads.cpusAllowedList(pid, tid).ifPresent(cpus::add);
            Optional<ThreadStat> stat = ProcThreads.stat(pid, tid);
            stat.flatMap(ThreadStat::nice).ifPresent(nice::add);
            stat.flatMap(ThreadStat::policy).map(ProcView::policyName).ifPresent(policy::add);
            if (provider != null) {
                Reading<IoPriority> r = provider.ioPriorityOf(tid);
                if (r.isPresent()) {
                    io.add(r.get().toString());
                }
            }
        }
        return new ProcessList.Proc(tids.size(), new ArrayList<>(cpus), new ArrayList<>(nice), new ArrayList<>(policy),
                new ArrayList<>(io));
    }

    private static String policyName(int policy) {
        try {
            return SchedulingPolicy.ofLinuxValue(policy).configName();
        } catch (IllegalArgumentException e) {
            return Integer.toString(policy);
        }
    }
}
