package io.v2e.tuning.api;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells the kernel how to schedule the calling thread and how to treat memory and files.
 * <p>
 * Registered as an OSGi service with the properties {@value #PROVIDER_NAME_PROPERTY} (the
 * provider's {@link #name()}) and {@code service.ranking}; consumers bind the highest ranking or
 * the one a host's configuration selects.
 * <p>
 * Threading: every thread operation acts on the calling thread only (its kernel thread id), so it
 * may be called from any thread concurrently. Kernel refusals are returned as
 * {@link Outcome.Status#DENIED} with the errno name, never thrown; a bad argument (an empty CPU
 * set, a heap buffer, a region outside the buffer) throws {@link IllegalArgumentException}.
 */
@ProviderType
public interface TuningProvider {

    /** Service property holding {@link #name()}, e.g. {@code (tuning.provider=jnr)}. */
    String PROVIDER_NAME_PROPERTY = "tuning.provider";

    /** Short name: {@code jnr}, {@code jna}, {@code ffm}, {@code noop}. */
    String name();

    /** What this provider can do here, probed once at activation. */
    Capabilities capabilities();

    /**
     * The CPUs this process may run on (sched_getaffinity of the process), so cgroup cpusets and
     * {@code taskset} are honoured. A provider that cannot ask the kernel answers with
     * {@code 0..availableProcessors-1} and says so in its CPU_AFFINITY capability.
     */
    CpuSet allowedCpus();

    /** The kernel thread id of the calling thread (gettid). */
    Reading<Integer> threadId();

    /** Restricts the calling thread to {@code cpus} (sched_setaffinity on its thread id). */
    Outcome pinThread(CpuSet cpus);

    /** The calling thread's CPU affinity as the kernel reports it. */
    Reading<CpuSet> threadAffinity();

    /** The CPU the calling thread is running on right now (sched_getcpu). */
    Reading<Integer> currentCpu();

    /** Sets the calling thread's nice value, -20..19 (setpriority on its thread id). */
    Outcome setThreadNice(int nice);

    /** The calling thread's nice value as the kernel reports it. */
    Reading<Integer> threadNice();

    /** Sets the calling thread's I/O priority (ioprio_set on its thread id). */
    Outcome setThreadIoPriority(IoPriority priority);

    /** The calling thread's I/O priority (ioprio_get on its thread id). */
    Reading<IoPriority> threadIoPriority();

    /**
     * Sets the calling thread's CPU scheduling policy and priority (sched_setscheduler on its
     * thread id). A real-time policy (FIFO, RR) needs CAP_SYS_NICE or a sufficient RLIMIT_RTPRIO;
     * without them the kernel answers DENIED(EPERM). Linux providers set the real-time policies
     * with SCHED_RESET_ON_FORK, so threads the caller starts afterwards begin as SCHED_OTHER
     * instead of inheriting real-time priority.
     * <p>
     * Since 1.1; the default answers UNSUPPORTED (a provider written against 1.0 cannot do it).
     */
    default Outcome setThreadScheduling(ThreadScheduling scheduling) {
        java.util.Objects.requireNonNull(scheduling, "scheduling");
        return Outcome.unsupported(name() + " provider has no scheduling-policy operation");
    }

    /**
     * The calling thread's scheduling policy and priority as the kernel reports them
     * (sched_getscheduler, sched_getparam). Since 1.1; the default answers UNSUPPORTED.
     */
    default Reading<ThreadScheduling> threadScheduling() {
        return Reading.failed(Outcome.unsupported(name() + " provider has no scheduling-policy operation"));
    }

    /**
     * Puts the calling thread back to the affinity, nice, I/O priority and scheduling policy it had
     * before this provider first changed it; APPLIED (nothing to do) when this provider never
     * changed it.
     */
    Outcome restoreThread();

    /**
     * Gives madvise(2) advice for {@code length} bytes from {@code offset} of a direct or mapped
     * buffer (relative to the buffer's address, ignoring its position). The provider widens the
     * region to whole pages. DONTNEED discards memory (anonymous pages read back as zeroes,
     * private mappings lose their changes), so it is widened only inside shared file mappings and
     * only up to the buffer's edges; elsewhere it is narrowed to the whole pages inside the
     * region, and no byte outside the region is discarded.
     *
     * @throws IllegalArgumentException for a heap buffer or a region outside the buffer
     */
    Outcome adviseMemory(ByteBuffer buffer, long offset, long length, MemoryAdvice advice);

    /**
     * Gives posix_fadvise(2) advice for a range of {@code file}; {@code length} 0 means to the end
     * of the file. The provider opens the file itself (read-only), advises and closes it again:
     * the page cache belongs to the file, not to a descriptor, so the advice (for example
     * DONTNEED, which evicts the range's clean pages) reaches every reader of the file, and the
     * caller needs no descriptor and the JVM no {@code --add-opens}. A file that cannot be opened
     * is a kernel answer: DENIED with the errno of open(2) ({@code ENOENT}, {@code EACCES}).
     * <p>
     * Since 2.0; it replaces 1.x's {@code advisePageCache(FileChannel, ...)}, which needed the
     * channel's private file descriptor.
     *
     * @throws IllegalArgumentException for a negative offset or length, or a path that is not of
     *         the default (operating system) file system
     */
    Outcome advisePageCache(Path file, long offset, long length, PageCacheAdvice advice);

    // ---------------------------------------------------------------- processes (since 2.1)

    /**
     * Restricts every thread of process {@code pid} to {@code cpus}: sched_setaffinity on each
     * task of {@code /proc/PID/task}. On Linux the call acts on one thread, and a new thread
     * inherits its creator's settings, so a provider applies it to every task it lists and lists
     * again until a pass finds no task it has not yet changed: a thread started meanwhile by a
     * thread not yet changed appears in the next listing, and one started by a changed thread
     * inherits the setting. Every thread the process has and will create then runs with it
     * (unless the process changes it itself). A task that exits meanwhile is skipped.
     * <p>
     * APPLIED when every task was changed; otherwise the first refusal (DENIED with errno:
     * ESRCH for a process that does not exist, EPERM for another user's process). No baseline is
     * kept: a process is tuned for its whole life. Since 2.1; the default answers UNSUPPORTED.
     *
     * @throws IllegalArgumentException for {@code pid <= 0} or an empty CPU set
     */
    default Outcome pinProcess(int pid, CpuSet cpus) {
        ProcessArguments.check(pid);
        if (cpus == null || cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin to an empty CPU set");
        }
        return Outcome.unsupported(name() + " provider has no process operations");
    }

    /**
     * Sets the nice value (-20..19) of every thread of process {@code pid} (setpriority on each
     * task), as {@link #pinProcess} does. Lowering it needs CAP_SYS_NICE or RLIMIT_NICE: DENIED
     * (EACCES) otherwise, and the process runs on unchanged. Since 2.1; the default answers
     * UNSUPPORTED.
     *
     * @throws IllegalArgumentException for {@code pid <= 0} or a nice value outside -20..19
     */
    default Outcome setProcessNice(int pid, int nice) {
        ProcessArguments.check(pid);
        ProcessArguments.checkNice(nice);
        return Outcome.unsupported(name() + " provider has no process operations");
    }

    /**
     * Sets the I/O priority of every thread of process {@code pid} (ioprio_set on each task), as
     * {@link #pinProcess} does. Since 2.1; the default answers UNSUPPORTED.
     *
     * @throws IllegalArgumentException for {@code pid <= 0}
     */
    default Outcome setProcessIoPriority(int pid, IoPriority priority) {
        ProcessArguments.check(pid);
        java.util.Objects.requireNonNull(priority, "priority");
        return Outcome.unsupported(name() + " provider has no process operations");
    }

    /**
     * Sets the scheduling policy and priority of every thread of process {@code pid}
     * (sched_setscheduler on each task), as {@link #pinProcess} does. Unlike
     * {@link #setThreadScheduling}, a real-time policy is set WITHOUT SCHED_RESET_ON_FORK: the
     * point is that the process's future threads run it too. Since 2.1; the default answers
     * UNSUPPORTED.
     *
     * @throws IllegalArgumentException for {@code pid <= 0}
     */
    default Outcome setProcessScheduling(int pid, ThreadScheduling scheduling) {
        ProcessArguments.check(pid);
        java.util.Objects.requireNonNull(scheduling, "scheduling");
        return Outcome.unsupported(name() + " provider has no process operations");
    }

    /**
     * The I/O priority of thread {@code tid} (ioprio_get on the id; a process id names its main
     * thread), which /proc does not show. Since 2.1; the default answers UNSUPPORTED.
     *
     * @throws IllegalArgumentException for {@code tid <= 0}
     */
    default Reading<IoPriority> ioPriorityOf(int tid) {
        ProcessArguments.check(tid);
        return Reading.failed(Outcome.unsupported(name() + " provider has no process operations"));
    }
}
