package io.v2e.tuning.jnr.internal;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.OptionalInt;

import com.kenai.jffi.MemoryIO;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import jnr.ffi.LastError;
import jnr.ffi.Runtime;

/**
 * The kernel calls of this provider on a given thread id, each answer translated from errno into
 * an {@link Outcome} or {@link Reading}. Holds no per-thread state: safe from any thread.
 * Arguments are assumed valid (the provider checks them).
 */
final class LinuxKernel {

    /** Bytes of a cpu_set_t for {@link CpuSet#MAX_CPUS} CPUs, like glibc's CPU_SETSIZE. */
    static final int MASK_BYTES = CpuSet.MAX_CPUS / 8;

    private static final int PRIO_PROCESS = 0;
    private static final int IOPRIO_WHO_PROCESS = 1;

    private final LibC libc;
    private final Runtime runtime;
    private final Optional<SyscallNumbers> syscalls;
    private final FileDescriptorAccess descriptors;
    private final long pageSize;

    LinuxKernel(LibC libc, Runtime runtime, Optional<SyscallNumbers> syscalls, FileDescriptorAccess descriptors) {
        this.libc = libc;
        this.runtime = runtime;
        this.syscalls = syscalls;
        this.descriptors = descriptors;
        this.pageSize = com.kenai.jffi.PageManager.getInstance().pageSize();
    }

    /** The kernel binding for this JVM's architecture. */
    static LinuxKernel bind() {
        return new LinuxKernel(LibCBinding.libc(), LibCBinding.runtime(),
                SyscallNumbers.forArch(System.getProperty("os.arch")), FileDescriptorAccess.open());
    }

    long pageSize() {
        return pageSize;
    }

    FileDescriptorAccess descriptors() {
        return descriptors;
    }

    /** gettid(2) of the calling thread. */
    Reading<Integer> gettid() {
        if (syscalls.isEmpty()) {
            return Reading.failed(Outcome.unsupported("no gettid syscall number for os.arch "
                    + System.getProperty("os.arch")));
        }
        long tid = libc.syscall(syscalls.get().gettid(), 0, 0, 0);
        return tid < 0 ? Reading.failed(denied("gettid")) : Reading.of((int) tid);
    }

    /** The calling thread's id, or 0 (which Linux also reads as "the calling thread") without gettid. */
    int callingThread() {
        Reading<Integer> tid = gettid();
        return tid.isPresent() ? tid.get() : 0;
    }

    /** sched_getaffinity of the whole process (its main thread), which taskset and cgroups set. */
    Reading<CpuSet> processAffinity() {
        return affinity(libc.getpid());
    }

    Reading<CpuSet> affinity(int tid) {
        byte[] mask = new byte[MASK_BYTES];
        if (libc.sched_getaffinity(tid, mask.length, mask) != 0) {
            return Reading.failed(denied("sched_getaffinity"));
        }
        return Reading.of(CpuSet.fromMask(mask));
    }

    Outcome setAffinity(int tid, CpuSet cpus) {
        byte[] mask = cpus.toMask(MASK_BYTES);
        return libc.sched_setaffinity(tid, mask.length, mask) == 0 ? Outcome.applied()
                : denied("sched_setaffinity " + cpus);
    }

    Reading<Integer> currentCpu() {
        int cpu = libc.sched_getcpu();
        return cpu < 0 ? Reading.failed(denied("sched_getcpu")) : Reading.of(cpu);
    }

    Outcome setNice(int tid, int nice) {
        return libc.setpriority(PRIO_PROCESS, tid, nice) == 0 ? Outcome.applied()
                : denied("setpriority nice " + nice);
    }

    Reading<Integer> nice(int tid) {
        // -1 is a valid nice value: only errno tells a failure apart, so clear it first.
        LastError.setLastError(runtime, 0);
        int nice = libc.getpriority(PRIO_PROCESS, tid);
        if (nice == -1) {
            int errno = LastError.getLastError(runtime);
            // getpriority fails only with ESRCH or EINVAL; any other errno was left by something else.
            if (errno == Errno.ESRCH || errno == Errno.EINVAL) {
                return Reading.failed(Outcome.denied(Errno.name(errno), "getpriority"));
            }
        }
        return Reading.of(nice);
    }

    Outcome setIoPriority(int tid, IoPriority priority) {
        if (syscalls.isEmpty()) {
            return Outcome.unsupported("no ioprio_set syscall number for os.arch " + System.getProperty("os.arch"));
        }
        long rc = libc.syscall(syscalls.get().ioprioSet(), IOPRIO_WHO_PROCESS, tid, priority.encode());
        return rc == 0 ? Outcome.applied() : denied("ioprio_set " + priority);
    }

    Reading<IoPriority> ioPriority(int tid) {
        if (syscalls.isEmpty()) {
            return Reading.failed(Outcome.unsupported("no ioprio_get syscall number for os.arch "
                    + System.getProperty("os.arch")));
        }
        long value = libc.syscall(syscalls.get().ioprioGet(), IOPRIO_WHO_PROCESS, tid, 0);
        return value < 0 ? Reading.failed(denied("ioprio_get")) : Reading.of(IoPriority.decode((int) value));
    }

    /**
     * madvise(2) on {@code length} bytes from {@code offset} of a direct buffer, widened to whole
     * pages. DONTNEED discards memory, so for it a region that does not start and end on page
     * boundaries is widened only inside shared file mappings (dropped pages are re-read from the
     * file), and there only as far as the buffer's own edges; anywhere else (anonymous memory
     * such as an allocateDirect buffer, private mappings) it is narrowed to the whole pages
     * inside the region, so no byte outside the region is ever discarded.
     */
    Outcome madvise(ByteBuffer buffer, long offset, long length, MemoryAdvice advice) {
        long base = MemoryIO.getInstance().getDirectBufferAddress(buffer);
        if (base == 0) {
            return Outcome.unsupported("no native address for this buffer");
        }
        long regionStart = base + offset;
        long regionEnd = regionStart + length;
        long start = alignDown(regionStart);
        long end = alignUp(regionEnd);
        if (advice == MemoryAdvice.DONTNEED && (start != regionStart || end != regionEnd)) {
            if (SharedFileMappings.covers(start, end)) {
                start = Math.max(start, alignUp(base));
                end = Math.min(end, alignDown(base + buffer.capacity()));
            } else {
                start = alignUp(regionStart);
                end = alignDown(regionEnd);
            }
        }
        if (end <= start) {
            return Outcome.applied(); // no whole page to advise: nothing to do
        }
        return libc.madvise(start, end - start, advice.linuxValue()) == 0 ? Outcome.applied()
                : denied("madvise " + advice);
    }

    /** posix_fadvise(2); {@code length} 0 means to the end of the file. */
    Outcome fadvise(FileChannel channel, long offset, long length, PageCacheAdvice advice) {
        if (!descriptors.available()) {
            return Outcome.unsupported(descriptors.unavailableReason());
        }
        OptionalInt fd = descriptors.descriptorOf(channel);
        if (fd.isEmpty()) {
            return Outcome.unsupported("not an open JDK file channel: " + channel.getClass().getName());
        }
        int error = libc.posix_fadvise(fd.getAsInt(), offset, length, advice.linuxValue());
        return error == 0 ? Outcome.applied() : Outcome.denied(Errno.name(error), "posix_fadvise " + advice);
    }

    private long alignDown(long address) {
        return address - Math.floorMod(address, pageSize);
    }

    private long alignUp(long address) {
        return alignDown(address + pageSize - 1);
    }

    private Outcome denied(String what) {
        int errno = LastError.getLastError(runtime);
        return Outcome.denied(errno == 0 ? "EUNKNOWN" : Errno.name(errno), what);
    }
}
