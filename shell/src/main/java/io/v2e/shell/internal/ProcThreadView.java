package io.v2e.shell.internal;

import java.util.Optional;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.proc.ProcThreads;
import io.v2e.tuning.api.proc.ThreadStat;

/**
 * What /proc says about the calling thread and this process, read independently of any provider
 * (to cross-check what the provider reports). Every value is empty where /proc does not exist or
 * lacks the field. Call it on the thread you want to know about.
 *
 * @param tid              the calling thread's kernel id, from the /proc/thread-self link
 * @param threadAffinity   Cpus_allowed_list of /proc/thread-self/status
 * @param threadNice       field 19 of /proc/thread-self/stat
 * @param processAffinity  Cpus_allowed_list of /proc/self/status (the main thread's, which is what
 *                         sched_getaffinity(pid) returns)
 */
record ProcThreadView(Optional<Integer> tid, Optional<CpuSet> threadAffinity, Optional<Integer> threadNice,
        Optional<CpuSet> processAffinity) {

    static ProcThreadView read() {
        return new ProcThreadView(ProcThreads.currentTid(), ProcThreads.currentCpusAllowedList().map(CpuSet::parse),
                ProcThreads.currentStat().flatMap(ThreadStat::nice), ProcThreads.processCpusAllowedList().map(CpuSet::parse));
    }

    static Optional<CpuSet> cpusAllowedOf(String statusText) {
        return ProcThreads.cpusAllowedListOf(statusText).map(CpuSet::parse);
    }

    /** The comm field may hold spaces and parentheses, so fields are counted after the last ')'. */
    static Optional<Integer> niceOf(String statText) {
        return ThreadStat.parse(statText).flatMap(ThreadStat::nice);
    }
}
