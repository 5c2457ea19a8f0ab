package io.v2e.tuning.api;

/** The kinds of tuning a provider may offer; each is probed and reported separately. */
public enum Operation {
    /** sched_setaffinity / sched_getaffinity on the calling thread. */
    CPU_AFFINITY,
    /** setpriority(PRIO_PROCESS, tid) on the calling thread. */
    THREAD_NICE,
    /** ioprio_set / ioprio_get on the calling thread. */
    IO_PRIORITY,
    /** madvise(2) on a direct or mapped buffer. */
    MEMORY_ADVICE,
    /** posix_fadvise(2) on a file range. */
    PAGE_CACHE_ADVICE,
    /**
     * sched_setscheduler / sched_getscheduler on the calling thread; "permitted" means a real-time
     * policy (FIFO) may be set. Since tuning-api 1.1.
     */
    THREAD_SCHEDULING
}
