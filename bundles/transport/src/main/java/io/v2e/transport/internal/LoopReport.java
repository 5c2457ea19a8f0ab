package io.v2e.transport.internal;

import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;

/**
 * How one I/O loop's last tuning went, as the loop itself recorded it (provider calls act on the
 * calling thread), and what /proc showed right after.
 *
 * @param provider       name of the provider applied, or "none"
 * @param cpus           the CPUs the loop was to be pinned to (cpulist)
 * @param restore        outcome of undoing the previous provider's settings; null when nothing to undo
 * @param affinity       outcome of pinning
 * @param nice           outcome of setting nice
 * @param ioPriority     outcome of setting the I/O priority
 * @param scheduling     outcome of setting the scheduling policy
 * @param readAffinity   affinity the provider read back
 * @param readNice       nice the provider read back
 * @param readIoPriority I/O priority the provider read back
 * @param readScheduling policy/priority the provider read back
 * @param proc           /proc/thread-self read by the loop right after
 */
record LoopReport(String provider, String cpus, Outcome restore, Outcome affinity, Outcome nice, Outcome ioPriority,
        Outcome scheduling, Reading<?> readAffinity, Reading<?> readNice, Reading<?> readIoPriority,
        Reading<?> readScheduling, ProcView proc) {

    /** A thread as /proc shows it: Cpus_allowed_list, nice, policy number, rt_priority, last CPU (-1/"" unknown). */
    record ProcView(String cpusAllowedList, int nice, int policy, int rtPriority, int lastCpu) {

        static ProcView ofCurrentThread() {
            return of(io.v2e.tuning.api.proc.ProcThreads.currentCpusAllowedList().orElse(""),
                    io.v2e.tuning.api.proc.ProcThreads.currentStat());
        }

        static ProcView ofThread(int tid) {
            return of(io.v2e.tuning.api.proc.ProcThreads.cpusAllowedList(tid).orElse(""),
                    io.v2e.tuning.api.proc.ProcThreads.stat(tid));
        }

        private static ProcView of(String cpus, java.util.Optional<io.v2e.tuning.api.proc.ThreadStat> stat) {
            return new ProcView(cpus, stat.flatMap(s -> s.nice()).orElse(Integer.MIN_VALUE),
                    stat.flatMap(s -> s.policy()).orElse(-1), stat.flatMap(s -> s.rtPriority()).orElse(-1),
                    stat.flatMap(s -> s.lastCpu()).orElse(-1));
        }

        /** The policy's configuration name (other, fifo, rr, batch, idle), or its number. */
        String policyName() {
            switch (policy) {
                case 0: return "other";
                case 1: return "fifo";
                case 2: return "rr";
                case 3: return "batch";
                case 5: return "idle";
                default: return policy < 0 ? "?" : Integer.toString(policy);
            }
        }
    }
}
