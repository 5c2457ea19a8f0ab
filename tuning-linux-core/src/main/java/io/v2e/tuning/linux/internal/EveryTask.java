package io.v2e.tuning.linux.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * Applies one per-thread call to every thread of a process. Linux's setpriority, ioprio_set,
 * sched_setaffinity and sched_setscheduler on a pid change one thread (the task with that id),
 * and a new thread inherits them from the thread that creates it. So the call is made on every
 * task of {@code /proc/PID/task}, and the folder is listed again until a pass finds no task not
 * yet changed. The race this closes: a thread created while a pass runs, by a thread not yet
 * changed, starts with the old value; it exists before that pass ends, so the next listing shows
 * it. A thread created by an already changed thread inherits the new value. When a pass finds
 * nothing new, every thread has the value and every future thread inherits it. A task that exits
 * between listing and call answers ESRCH and is skipped. Stateless; any thread may call it.
 */
final class EveryTask {

    /**
     * A process that starts threads faster than we list them would keep us busy: after this many
     * passes the answer says how many threads were changed and that it stopped.
     */
    static final int MAX_PASSES = 32;

    private EveryTask() {
    }

    /**
     * Calls {@code call} (answering 0 or -errno) for every task of {@code pid}.
     *
     * @return APPLIED, or the first refusal (DENIED / UNSUPPORTED) naming how many threads were changed
     */
    static Outcome apply(int pid, String what, IntUnaryOperator call) {
        List<Integer> first = ProcThreads.tasksOf(pid);
        if (first.isEmpty()) {
            // No /proc entry: the process is gone (or /proc is hidden); the kernel says which.
            int r = call.applyAsInt(pid);
            return r < 0 ? LinuxTuningProvider.denied(r, what + " on process " + pid) : Outcome.applied();
        }
        Set<Integer> changed = new HashSet<>();
        Set<Integer> gone = new HashSet<>();
        Outcome firstRefusal = null;
        List<Integer> tasks = first;
        boolean settled = false;
        for (int pass = 0; pass < MAX_PASSES && !settled; pass++) {
            boolean foundNew = false;
            for (int tid : tasks) {
                if (changed.contains(tid) || gone.contains(tid)) {
                    continue;
                }
                foundNew = true;
                int r = call.applyAsInt(tid);
                if (r >= 0) {
                    changed.add(tid);
                } else if ("ESRCH".equals(ErrnoNames.of(r))) {
                    gone.add(tid); // exited since the listing
                } else {
                    gone.add(tid); // refused: not retried in later passes
                    if (firstRefusal == null) {
                        firstRefusal = LinuxTuningProvider.denied(r, what + " on thread " + tid + " of process " + pid);
                    }
                }
            }
            settled = !foundNew;
            if (!settled) {
                tasks = ProcThreads.tasksOf(pid);
            }
        }
        if (firstRefusal != null) {
            return firstRefusal.status() == Outcome.Status.DENIED
                    ? Outcome.denied(firstRefusal.errno(), firstRefusal.detail() + " (" + changed.size() + " threads changed)")
                    : firstRefusal;
        }
        if (changed.isEmpty()) {
            return Outcome.denied("ESRCH", what + ": process " + pid + " exited");
        }
        return settled ? Outcome.applied() : new Outcome(Outcome.Status.APPLIED, "", what + ": " + changed.size()
                + " threads of process " + pid + " changed; it still started new ones after " + MAX_PASSES + " listings");
    }
}
