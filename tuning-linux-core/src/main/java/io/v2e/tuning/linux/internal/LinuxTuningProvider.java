package io.v2e.tuning.linux.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.ProcessArguments;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * The TuningProvider contract on Linux, over whatever native binding a subclass hands to
 * {@link #start(String, LinuxCalls)}: argument checks, errno to outcomes, per-thread baselines
 * for restore, page alignment, capability probing and the cost measurement. Every Linux
 * provider extends it, so they all behave identically and differ only in how they call libc.
 * <p>
 * Threading: {@code start} runs once (component activation) before any other call; afterwards
 * every method may be called from any thread concurrently and acts on the calling thread only,
 * except the process operations, which act on every thread of the given pid ({@link EveryTask}).
 */
public abstract class LinuxTuningProvider implements TuningProvider {

    /** Bytes of the CPU masks we pass: 1024 CPUs, like glibc's cpu_set_t. */
    static final int MASK_BYTES = CpuSet.MAX_CPUS / 8;
    /** Or-ed into a policy: children of the thread start as SCHED_OTHER (and nice 0 if it was negative). */
    static final int SCHED_RESET_ON_FORK = 0x40000000;

    private final ThreadLocal<ThreadBaseline> baselines = ThreadLocal.withInitial(ThreadBaseline::new);
    // Written once by start(); DS publishes the component only after activation returns.
    private String name;
    private LinuxCalls calls;
    private long pageSize;
    private Capabilities capabilities;

    /** Binds the provider to its native calls and probes what it may do here. */
    protected final void start(String providerName, LinuxCalls nativeCalls) {
        this.name = Objects.requireNonNull(providerName, "providerName");
        this.calls = Objects.requireNonNull(nativeCalls, "nativeCalls");
        this.pageSize = nativeCalls.pageSize();
        long cost = CallCost.measure(this);
        this.capabilities = new CapabilityProbe(nativeCalls, pageSize).probe(cost);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public CpuSet allowedCpus() {
        // The process's mask is its main thread's (getpid names the thread-group leader); a
        // pinned calling thread must not narrow the answer.
        byte[] mask = new byte[MASK_BYTES];
        int r = calls.schedGetAffinity(calls.getpid(), mask);
        if (r < 0) {
            return CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
        }
        return CpuSet.fromMask(mask);
    }

    @Override
    public Reading<Integer> threadId() {
        return Reading.of(calls.gettid());
    }

    @Override
    public Outcome pinThread(CpuSet cpus) {
        if (cpus == null || cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin to an empty CPU set");
        }
        int tid = calls.gettid();
        ThreadBaseline baseline = baselines.get();
        CpuSet before = baseline.affinity == null ? readAffinity(tid) : null;
        int r = calls.schedSetAffinity(tid, cpus.toMask(MASK_BYTES));
        if (r < 0) {
            return denied(r, "sched_setaffinity(" + cpus + ")");
        }
        if (before != null) {
            baseline.affinity = before;
        }
        return Outcome.applied();
    }

    @Override
    public Reading<CpuSet> threadAffinity() {
        byte[] mask = new byte[MASK_BYTES];
        int r = calls.schedGetAffinity(calls.gettid(), mask);
        return r < 0 ? Reading.failed(denied(r, "sched_getaffinity")) : Reading.of(CpuSet.fromMask(mask));
    }

    @Override
    public Reading<Integer> currentCpu() {
        int r = calls.schedGetCpu();
        return r < 0 ? Reading.failed(denied(r, "sched_getcpu")) : Reading.of(r);
    }

    @Override
    public Outcome setThreadNice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice must be -20..19, was " + nice);
        }
        int tid = calls.gettid();
        ThreadBaseline baseline = baselines.get();
        int before = baseline.nice == null ? calls.getPriorityRaw(tid) : -1;
        int r = calls.setPriority(tid, nice);
        if (r < 0) {
            return denied(r, "setpriority(" + nice + ")");
        }
        if (before > 0) {
            baseline.nice = 20 - before;
        }
        return Outcome.applied();
    }

    @Override
    public Reading<Integer> threadNice() {
        int r = calls.getPriorityRaw(calls.gettid());
        return r < 0 ? Reading.failed(denied(r, "getpriority")) : Reading.of(20 - r);
    }

    @Override
    public Outcome setThreadIoPriority(IoPriority priority) {
        Objects.requireNonNull(priority, "priority");
        int tid = calls.gettid();
        ThreadBaseline baseline = baselines.get();
        int before = baseline.ioprio == null ? calls.ioprioGet(tid) : -1;
        int r = calls.ioprioSet(tid, priority.encode());
        if (r < 0) {
            return denied(r, "ioprio_set(" + priority + ")");
        }
        if (before >= 0) {
            baseline.ioprio = before;
        }
        return Outcome.applied();
    }

    @Override
    public Reading<IoPriority> threadIoPriority() {
        int r = calls.ioprioGet(calls.gettid());
        return r < 0 ? Reading.failed(denied(r, "ioprio_get")) : Reading.of(IoPriority.decode(r));
    }

    /**
     * Real-time policies are set with SCHED_RESET_ON_FORK: a thread a real-time worker starts
     * (a handler's executor, a lazily created JVM pool thread) must not inherit its priority.
     */
    @Override
    public Outcome setThreadScheduling(ThreadScheduling scheduling) {
        Objects.requireNonNull(scheduling, "scheduling");
        int tid = calls.gettid();
        ThreadBaseline baseline = baselines.get();
        int beforePolicy = baseline.schedPolicy == null ? calls.schedGetScheduler(tid) : -1;
        int beforePriority = beforePolicy >= 0 ? calls.schedGetPriority(tid) : -1;
        SchedulingPolicy policy = scheduling.policy();
        int r = calls.schedSetScheduler(tid, policy.linuxValue() | (policy.isRealTime() ? SCHED_RESET_ON_FORK : 0),
                scheduling.priority());
        if (r < 0) {
            return denied(r, "sched_setscheduler(" + scheduling + ")");
        }
        if (beforePolicy >= 0 && beforePriority >= 0) {
            baseline.schedPolicy = beforePolicy;
            baseline.schedPriority = beforePriority;
        }
        return Outcome.applied();
    }

    @Override
    public Reading<ThreadScheduling> threadScheduling() {
        int tid = calls.gettid();
        int policy = calls.schedGetScheduler(tid);
        if (policy < 0) {
            return Reading.failed(denied(policy, "sched_getscheduler"));
        }
        int priority = calls.schedGetPriority(tid);
        if (priority < 0) {
            return Reading.failed(denied(priority, "sched_getparam"));
        }
        try {
            return Reading.of(new ThreadScheduling(SchedulingPolicy.ofLinuxValue(policy), priority));
        } catch (IllegalArgumentException e) {
            // e.g. SCHED_DEADLINE (6), set by someone else: readable, but not a policy of this API
            return Reading.failed(Outcome.unsupported("thread runs scheduling policy " + (policy & ~SCHED_RESET_ON_FORK)
                    + ", which this API does not name"));
        }
    }

    @Override
    public Outcome restoreThread() {
        ThreadBaseline baseline = baselines.get();
        if (baseline.isEmpty()) {
            baselines.remove();
            return Outcome.applied();
        }
        int tid = calls.gettid();
        Outcome firstFailure = null;
        if (baseline.affinity != null) {
            int r = calls.schedSetAffinity(tid, baseline.affinity.toMask(MASK_BYTES));
            if (r < 0) {
                firstFailure = denied(r, "restoring affinity " + baseline.affinity);
            } else {
                baseline.affinity = null;
            }
        }
        if (baseline.nice != null) {
            int r = calls.setPriority(tid, baseline.nice);
            if (r < 0) {
                firstFailure = firstFailure != null ? firstFailure : denied(r, "restoring nice " + baseline.nice);
            } else {
                baseline.nice = null;
            }
        }
        if (baseline.ioprio != null) {
            // ioprio_get may report class NONE with a level, but ioprio_set takes NONE only with 0.
            int r = calls.ioprioSet(tid, (baseline.ioprio >>> 13) == 0 ? 0 : baseline.ioprio);
            if (r < 0) {
                firstFailure = firstFailure != null ? firstFailure
                        : denied(r, "restoring I/O priority " + IoPriority.decode(baseline.ioprio));
            } else {
                baseline.ioprio = null;
            }
        }
        if (baseline.schedPolicy != null) {
            int r = restoreScheduling(tid, baseline.schedPolicy, baseline.schedPriority);
            if (r < 0) {
                firstFailure = firstFailure != null ? firstFailure : denied(r, "restoring scheduling policy "
                        + (baseline.schedPolicy & ~SCHED_RESET_ON_FORK) + "/" + baseline.schedPriority);
            } else {
                baseline.schedPolicy = null;
            }
        }
        if (baseline.isEmpty()) {
            baselines.remove();
        }
        // What could not be restored stays recorded, so a later restore (with privileges) can.
        return firstFailure != null ? firstFailure : Outcome.applied();
    }

    @Override
    public Outcome adviseMemory(ByteBuffer buffer, long offset, long length, MemoryAdvice advice) {
        Objects.requireNonNull(advice, "advice");
        if (buffer == null || !buffer.isDirect()) {
            throw new IllegalArgumentException("memory advice needs a direct or mapped buffer, not a heap buffer");
        }
        if (offset < 0 || length < 0 || length > buffer.capacity() - offset) {
            throw new IllegalArgumentException("region " + offset + "+" + length + " is outside the buffer of "
                    + buffer.capacity() + " bytes");
        }
        if (length == 0) {
            return Outcome.applied(); // an empty region: no page to advise
        }
        long base = calls.address(buffer);
        long start = base + offset;
        long end = start + length;
        long alignedStart = alignDown(start);
        long alignedEnd = alignUp(end);
        if (advice == MemoryAdvice.DONTNEED && (alignedStart != start || alignedEnd != end)) {
            if (FileMappings.isSharedFileMapping(alignedStart, alignedEnd)) {
                // Dropped pages of a shared file mapping are read back from the file: widening
                // is harmless, but stays inside the buffer as the API promises.
                alignedStart = Math.max(alignedStart, alignUp(base));
                alignedEnd = Math.min(alignedEnd, alignDown(base + buffer.capacity()));
            } else {
                // Anonymous pages read back as zeroes and private ones lose their changes: only
                // the pages wholly inside the region are advised, no byte outside it is touched.
                alignedStart = alignUp(start);
                alignedEnd = alignDown(end);
            }
            if (alignedEnd <= alignedStart) {
                return Outcome.applied(); // no whole page may be discarded: nothing to do
            }
        }
        int r = calls.madvise(alignedStart, alignedEnd - alignedStart, advice.linuxValue());
        return r < 0 ? denied(r, "madvise(" + advice + ")") : Outcome.applied();
    }

    /**
     * Opens {@code file} itself: page-cache advice acts on the file (its inode), so a descriptor of
     * our own reaches the same pages as the caller's, and no JDK internals are needed to find one.
     */
    @Override
    public Outcome advisePageCache(Path file, long offset, long length, PageCacheAdvice advice) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(advice, "advice");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("page-cache advice needs offset >= 0 and length >= 0, was offset "
                    + offset + ", length " + length);
        }
        byte[] name = FileNames.nativeName(file);
        int fd = calls.open(name, FileNames.OPEN_FOR_ADVICE);
        if (fd < 0) {
            return denied(fd, "open(" + file + ")");
        }
        try {
            int r = calls.posixFadvise(fd, offset, length, advice.linuxValue());
            return r < 0 ? denied(r, "posix_fadvise(" + advice + ") on " + file) : Outcome.applied();
        } finally {
            calls.close(fd); // a read-only descriptor has nothing to flush: a close error tells nothing
        }
    }

    // ---------------------------------------------------------------- processes: every task (EveryTask)

    @Override
    public Outcome pinProcess(int pid, CpuSet cpus) {
        ProcessArguments.check(pid);
        if (cpus == null || cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin to an empty CPU set");
        }
        byte[] mask = cpus.toMask(MASK_BYTES);
        return EveryTask.apply(pid, "sched_setaffinity(" + cpus + ")", tid -> calls.schedSetAffinity(tid, mask));
    }

    @Override
    public Outcome setProcessNice(int pid, int nice) {
        ProcessArguments.check(pid);
        ProcessArguments.checkNice(nice);
        return EveryTask.apply(pid, "setpriority(" + nice + ")", tid -> calls.setPriority(tid, nice));
    }

    @Override
    public Outcome setProcessIoPriority(int pid, IoPriority priority) {
        ProcessArguments.check(pid);
        Objects.requireNonNull(priority, "priority");
        int encoded = priority.encode();
        return EveryTask.apply(pid, "ioprio_set(" + priority + ")", tid -> calls.ioprioSet(tid, encoded));
    }

    /** Without SCHED_RESET_ON_FORK: the process's future threads are meant to run the policy too. */
    @Override
    public Outcome setProcessScheduling(int pid, ThreadScheduling scheduling) {
        ProcessArguments.check(pid);
        Objects.requireNonNull(scheduling, "scheduling");
        int policy = scheduling.policy().linuxValue();
        int priority = scheduling.priority();
        return EveryTask.apply(pid, "sched_setscheduler(" + scheduling + ")",
                tid -> calls.schedSetScheduler(tid, policy, priority));
    }

    @Override
    public Reading<IoPriority> ioPriorityOf(int tid) {
        ProcessArguments.check(tid);
        int r = calls.ioprioGet(tid);
        return r < 0 ? Reading.failed(denied(r, "ioprio_get(" + tid + ")")) : Reading.of(IoPriority.decode(r));
    }

    /**
     * Without CAP_SYS_NICE the kernel refuses to clear SCHED_RESET_ON_FORK once set (EPERM); the
     * policy and priority are what matter, so then they are restored with the flag kept.
     */
    private int restoreScheduling(int tid, int policy, int priority) {
        int r = calls.schedSetScheduler(tid, policy, priority);
        if (r < 0 && "EPERM".equals(ErrnoNames.of(r)) && (policy & SCHED_RESET_ON_FORK) == 0) {
            int now = calls.schedGetScheduler(tid);
            if (now >= 0 && (now & SCHED_RESET_ON_FORK) != 0) {
                r = calls.schedSetScheduler(tid, policy | SCHED_RESET_ON_FORK, priority);
            }
        }
        return r;
    }

    private long alignDown(long address) {
        return address & -pageSize;
    }

    private long alignUp(long address) {
        return (address + pageSize - 1) & -pageSize;
    }

    private CpuSet readAffinity(int tid) {
        byte[] mask = new byte[MASK_BYTES];
        return calls.schedGetAffinity(tid, mask) < 0 ? null : CpuSet.fromMask(mask);
    }

    /** A kernel refusal as a value; ENOSYS means the kernel lacks the call, so UNSUPPORTED. */
    static Outcome denied(int negativeErrno, String what) {
        String errno = ErrnoNames.of(negativeErrno);
        if ("ENOSYS".equals(errno)) {
            return Outcome.unsupported(what + ": the kernel has no such call (ENOSYS)");
        }
        return Outcome.denied(errno, what);
    }
}
