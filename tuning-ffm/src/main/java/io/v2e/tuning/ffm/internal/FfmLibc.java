package io.v2e.tuning.ffm.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import io.v2e.tuning.linux.internal.LinuxCalls;
import io.v2e.tuning.linux.internal.Syscalls;

/**
 * The libc binding of the FFM provider: downcall handles made once per JVM when {@link C} is
 * first used, errno captured right after each call with {@code Linker.Option.captureCallState}.
 * Each thread keeps its own small native scratch (errno capture + CPU mask), so calls allocate
 * no native memory. Any thread.
 */
final class FfmLibc implements LinuxCalls {

    private static final int SC_PAGESIZE = 30;

    private final Syscalls numbers;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    FfmLibc(Syscalls numbers) {
        this.numbers = numbers;
    }

    /** The downcall handles; this holder's initialiser is the one binding per JVM. */
    private static final class C {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

        // long syscall(long number, ...): three variadic longs cover every call we make.
        static final MethodHandle SYSCALL = handle("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                ERRNO_OPTION, Linker.Option.firstVariadicArg(1));
        static final MethodHandle GETPID = handle("getpid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle SCHED_SETAFFINITY = handle("sched_setaffinity",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO_OPTION);
        static final MethodHandle SCHED_GETAFFINITY = handle("sched_getaffinity",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO_OPTION);
        static final MethodHandle SCHED_GETCPU = handle("sched_getcpu", FunctionDescriptor.of(JAVA_INT), ERRNO_OPTION);
        static final MethodHandle SETPRIORITY = handle("setpriority",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO_OPTION);
        // int sched_setscheduler(pid_t, int, const struct sched_param *): the struct is one int.
        static final MethodHandle SCHED_SETSCHEDULER = handle("sched_setscheduler",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), ERRNO_OPTION);
        static final MethodHandle SCHED_GETSCHEDULER = handle("sched_getscheduler",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO_OPTION);
        static final MethodHandle SCHED_GETPARAM = handle("sched_getparam",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), ERRNO_OPTION);
        static final MethodHandle MADVISE = handle("madvise",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPTION);
        // int open(const char *, int, ...): the mode (unused without O_CREAT) is the one variadic int.
        static final MethodHandle OPEN = handle("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO_OPTION,
                Linker.Option.firstVariadicArg(2));
        static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO_OPTION);
        static final MethodHandle POSIX_FADVISE = handle("posix_fadvise",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        static final MethodHandle SYSCONF = handle("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));

        private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
            return LINKER.downcallHandle(symbol, descriptor, options);
        }
    }

    /** Per-thread native memory: the errno capture state, one CPU mask, one sched_param. Confined to its thread. */
    private static final class Scratch {
        final MemorySegment errno = Arena.ofAuto().allocate(C.CAPTURE_LAYOUT);
        final MemorySegment schedParam = Arena.ofAuto().allocate(JAVA_INT);
        final MemorySegment mask = Arena.ofAuto().allocate(MemoryLayout.sequenceLayout(1024 / 8, JAVA_BYTE));
    }

    @Override
    public int gettid() {
        return (int) syscall(numbers.gettid, 0, 0, 0);
    }

    @Override
    public int getpid() {
        try {
            return (int) C.GETPID.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int schedSetAffinity(int tid, byte[] mask) {
        Scratch s = scratch.get();
        MemorySegment nativeMask = s.mask.asSlice(0, mask.length);
        MemorySegment.copy(mask, 0, nativeMask, JAVA_BYTE, 0, mask.length);
        try {
            return orErrno((int) C.SCHED_SETAFFINITY.invokeExact(s.errno, tid, (long) mask.length, nativeMask), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int schedGetAffinity(int tid, byte[] mask) {
        Scratch s = scratch.get();
        MemorySegment nativeMask = s.mask.asSlice(0, mask.length);
        try {
            int r = orErrno((int) C.SCHED_GETAFFINITY.invokeExact(s.errno, tid, (long) mask.length, nativeMask), s);
            if (r >= 0) {
                MemorySegment.copy(nativeMask, JAVA_BYTE, 0, mask, 0, mask.length);
            }
            return r;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int schedGetCpu() {
        Scratch s = scratch.get();
        try {
            return orErrno((int) C.SCHED_GETCPU.invokeExact(s.errno), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int setPriority(int tid, int nice) {
        Scratch s = scratch.get();
        try {
            return orErrno((int) C.SETPRIORITY.invokeExact(s.errno, Syscalls.PRIO_PROCESS, tid, nice), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int getPriorityRaw(int tid) {
        return (int) syscall(numbers.getpriority, Syscalls.PRIO_PROCESS, tid, 0);
    }

    @Override
    public int ioprioSet(int tid, int ioprio) {
        return (int) syscall(numbers.ioprioSet, Syscalls.IOPRIO_WHO_PROCESS, tid, ioprio);
    }

    @Override
    public int ioprioGet(int tid) {
        return (int) syscall(numbers.ioprioGet, Syscalls.IOPRIO_WHO_PROCESS, tid, 0);
    }

    @Override
    public int schedSetScheduler(int tid, int policy, int priority) {
        Scratch s = scratch.get();
        s.schedParam.set(JAVA_INT, 0, priority);
        try {
            return orErrno((int) C.SCHED_SETSCHEDULER.invokeExact(s.errno, tid, policy, s.schedParam), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int schedGetScheduler(int tid) {
        Scratch s = scratch.get();
        try {
            return orErrno((int) C.SCHED_GETSCHEDULER.invokeExact(s.errno, tid), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int schedGetPriority(int tid) {
        Scratch s = scratch.get();
        try {
            int r = orErrno((int) C.SCHED_GETPARAM.invokeExact(s.errno, tid, s.schedParam), s);
            return r < 0 ? r : s.schedParam.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int madvise(long address, long length, int advice) {
        Scratch s = scratch.get();
        try {
            return orErrno((int) C.MADVISE.invokeExact(s.errno, MemorySegment.ofAddress(address), length, advice), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int open(byte[] path, int flags) {
        Scratch s = scratch.get();
        // Not a hot path: the name lives in a confined arena for this one call.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(path.length);
            MemorySegment.copy(path, 0, name, JAVA_BYTE, 0, path.length);
            return orErrno((int) C.OPEN.invokeExact(s.errno, name, flags, 0), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int close(int fd) {
        Scratch s = scratch.get();
        try {
            return orErrno((int) C.CLOSE.invokeExact(s.errno, fd), s);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int posixFadvise(int fd, long offset, long length, int advice) {
        try {
            return -(int) C.POSIX_FADVISE.invokeExact(fd, offset, length, advice); // returns the error number itself
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public long address(ByteBuffer directBuffer) {
        // ofBuffer starts at the buffer's position; the contract counts from its first byte.
        return MemorySegment.ofBuffer(directBuffer).address() - directBuffer.position();
    }

    @Override
    public long pageSize() {
        try {
            return (long) C.SYSCONF.invokeExact(SC_PAGESIZE);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** syscall(2) with the raw kernel convention restored: the result, or -errno. */
    private long syscall(long number, long a1, long a2, long a3) {
        Scratch s = scratch.get();
        try {
            long r = (long) C.SYSCALL.invokeExact(s.errno, number, a1, a2, a3);
            return r == -1 ? -(int) C.ERRNO.get(s.errno, 0L) : r;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** libc's convention (-1 and errno) to ours (-errno). */
    private static int orErrno(int result, Scratch s) {
        return result == -1 ? -(int) C.ERRNO.get(s.errno, 0L) : result;
    }

    /** A downcall only throws what the JVM throws (errors); pass them on unchanged. */
    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException("native call failed", e);
    }
}
