package io.v2e.tuning.linux.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.SchedulingPolicy;

/**
 * Finds out once, by trying each operation harmlessly, what a Linux provider may do in this
 * process. The thread probes (affinity, raising nice, the real-time I/O class, SCHED_FIFO) run on a
 * short-lived thread of their own, so whatever they change dies with it. Single use, one thread.
 */
final class CapabilityProbe {

    private final LinuxCalls calls;
    private final long pageSize;
    private final Map<Operation, Capability> found = new EnumMap<>(Operation.class);

    CapabilityProbe(LinuxCalls calls, long pageSize) {
        this.calls = calls;
        this.pageSize = pageSize;
    }

    Capabilities probe(long callCostNanos) {
        Thread prober = new Thread(this::probeThreadOperations, "tuning-capability-probe");
        prober.setDaemon(true);
        prober.start();
        try {
            prober.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Operation op : new Operation[] {Operation.CPU_AFFINITY, Operation.THREAD_NICE, Operation.IO_PRIORITY,
                Operation.THREAD_SCHEDULING}) {
            found.putIfAbsent(op, Capability.unsupported(op, "probe did not finish"));
        }
        probeMemoryAdvice();
        probePageCacheAdvice();
        return new Capabilities(found, callCostNanos);
    }

    private void probeThreadOperations() {
        int tid = calls.gettid();
        found.put(Operation.CPU_AFFINITY, probeAffinity(tid));
        found.put(Operation.THREAD_NICE, probeNice(tid));
        found.put(Operation.IO_PRIORITY, probeIoPriority(tid));
        found.put(Operation.THREAD_SCHEDULING, probeScheduling(tid)); // last: the thread ends right after
    }

    /** Reads the probe thread's mask and sets the same mask again. */
    private Capability probeAffinity(int tid) {
        byte[] mask = new byte[LinuxTuningProvider.MASK_BYTES];
        int r = calls.schedGetAffinity(tid, mask);
        if (r < 0) {
            return Capability.unsupported(Operation.CPU_AFFINITY, "sched_getaffinity: " + ErrnoNames.of(r));
        }
        r = calls.schedSetAffinity(tid, mask);
        return verdict(Operation.CPU_AFFINITY, r, "sched_setaffinity");
    }

    /**
     * Sets the probe thread to nice -20, the most a worker may ask for (needs CAP_SYS_NICE or an
     * RLIMIT_NICE of 40); the same probe as the jnr provider, so all providers report alike.
     */
    private Capability probeNice(int tid) {
        int raw = calls.getPriorityRaw(tid);
        if (raw < 0) {
            return Capability.unsupported(Operation.THREAD_NICE, "getpriority: " + ErrnoNames.of(raw));
        }
        int r = calls.setPriority(tid, -20);
        return verdict(Operation.THREAD_NICE, r, "nice -20 on a probe thread (needs CAP_SYS_NICE or RLIMIT_NICE)");
    }

    /** Sets realtime/0 on the probe thread (CAP_SYS_ADMIN, or CAP_SYS_NICE on recent kernels). */
    private Capability probeIoPriority(int tid) {
        int r = calls.ioprioGet(tid);
        if (r < 0) {
            return Capability.unsupported(Operation.IO_PRIORITY, "ioprio_get: " + ErrnoNames.of(r));
        }
        r = calls.ioprioSet(tid, new IoPriority(IoPriority.IoClass.REALTIME, 0).encode());
        return verdict(Operation.IO_PRIORITY, r,
                "realtime/0 on a probe thread (needs CAP_SYS_ADMIN, or CAP_SYS_NICE on recent kernels)");
    }

    /** Sets SCHED_FIFO priority 1 (reset on fork) on the probe thread (needs CAP_SYS_NICE or RLIMIT_RTPRIO). */
    private Capability probeScheduling(int tid) {
        int r = calls.schedGetScheduler(tid);
        if (r < 0) {
            return Capability.unsupported(Operation.THREAD_SCHEDULING, "sched_getscheduler: " + ErrnoNames.of(r));
        }
        r = calls.schedSetScheduler(tid, SchedulingPolicy.FIFO.linuxValue() | LinuxTuningProvider.SCHED_RESET_ON_FORK, 1);
        if (r >= 0) {
            calls.schedSetScheduler(tid, SchedulingPolicy.OTHER.linuxValue(), 0);
        }
        return verdict(Operation.THREAD_SCHEDULING, r,
                "SCHED_FIFO 1 on a probe thread (needs CAP_SYS_NICE or RLIMIT_RTPRIO >= 1)");
    }

    /** MADV_NORMAL (the default already in force) on one whole page inside a fresh direct buffer. */
    private void probeMemoryAdvice() {
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) (3 * pageSize));
        long page = (calls.address(buffer) + pageSize - 1) & -pageSize;
        int r = calls.madvise(page, pageSize, MemoryAdvice.NORMAL.linuxValue());
        found.put(Operation.MEMORY_ADVICE, verdict(Operation.MEMORY_ADVICE, r, "madvise"));
    }

    /** POSIX_FADV_NORMAL (the default already in force) on the JDK's modules image, opened as advice opens files. */
    private void probePageCacheAdvice() {
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        int fd = calls.open(FileNames.nativeName(modules), FileNames.OPEN_FOR_ADVICE);
        if (fd < 0) {
            found.put(Operation.PAGE_CACHE_ADVICE, new Capability(Operation.PAGE_CACHE_ADVICE, true, false,
                    "not probed: open(" + modules + "): " + ErrnoNames.of(fd)));
            return;
        }
        try {
            int r = calls.posixFadvise(fd, 0, 0, PageCacheAdvice.NORMAL.linuxValue());
            found.put(Operation.PAGE_CACHE_ADVICE, verdict(Operation.PAGE_CACHE_ADVICE, r, "posix_fadvise"));
        } finally {
            calls.close(fd);
        }
    }

    /** 0: supported and permitted; ENOSYS: unsupported; any other errno: supported, not permitted. */
    private static Capability verdict(Operation op, int result, String what) {
        if (result >= 0) {
            return new Capability(op, true, true, "");
        }
        String errno = ErrnoNames.of(result);
        if ("ENOSYS".equals(errno)) {
            return Capability.unsupported(op, what + ": ENOSYS");
        }
        return new Capability(op, true, false, what + ": " + errno);
    }
}
