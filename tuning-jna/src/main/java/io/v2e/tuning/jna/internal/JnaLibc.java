package io.v2e.tuning.jna.internal;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import io.v2e.tuning.linux.internal.LinuxCalls;
import io.v2e.tuning.linux.internal.Syscalls;

/**
 * The libc binding of the JNA provider: JNA direct mapping (static natives registered once per
 * JVM when {@link C} is first used), errno read with {@link Native#getLastError()}, which JNA
 * saves right after each call on the calling thread. Stateless apart from the binding; any thread.
 */
final class JnaLibc implements LinuxCalls {

    private static final int SC_PAGESIZE = 30;

    private final Syscalls numbers;

    JnaLibc(Syscalls numbers) {
        this.numbers = numbers;
    }

    /** The natives. Registration in this holder's initialiser is the one binding per JVM. */
    private static final class C {
        static {
            Native.register(C.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        // syscall(2) is variadic; on x86_64 and aarch64 Linux integer varargs travel exactly
        // like fixed arguments, so a fixed four-long signature is a correct call.
        static native long syscall(long number, long a1, long a2, long a3);

        static native int getpid();

        static native int sched_setaffinity(int pid, long size, byte[] mask);

        static native int sched_getaffinity(int pid, long size, byte[] mask);

        static native int sched_getcpu();

        static native int setpriority(int which, int who, int prio);

        /** {@code param} is struct sched_param: one int, sched_priority. */
        static native int sched_setscheduler(int pid, int policy, int[] param);

        static native int sched_getscheduler(int pid);

        static native int sched_getparam(int pid, int[] param);

        static native int madvise(long address, long length, int advice);

        /** open(2) is variadic too: the mode (unused without O_CREAT) travels like a fixed int. */
        static native int open(byte[] path, int flags, int mode);

        static native int close(int fd);

        static native int posix_fadvise(int fd, long offset, long length, int advice);

        static native long sysconf(int name);
    }

    @Override
    public int gettid() {
        return (int) C.syscall(numbers.gettid, 0, 0, 0);
    }

    @Override
    public int getpid() {
        return C.getpid();
    }

    @Override
    public int schedSetAffinity(int tid, byte[] mask) {
        return orErrno(C.sched_setaffinity(tid, mask.length, mask));
    }

    @Override
    public int schedGetAffinity(int tid, byte[] mask) {
        return orErrno(C.sched_getaffinity(tid, mask.length, mask));
    }

    @Override
    public int schedGetCpu() {
        return orErrno(C.sched_getcpu());
    }

    @Override
    public int setPriority(int tid, int nice) {
        return orErrno(C.setpriority(Syscalls.PRIO_PROCESS, tid, nice));
    }

    @Override
    public int getPriorityRaw(int tid) {
        return orErrno((int) C.syscall(numbers.getpriority, Syscalls.PRIO_PROCESS, tid, 0));
    }

    @Override
    public int ioprioSet(int tid, int ioprio) {
        return orErrno((int) C.syscall(numbers.ioprioSet, Syscalls.IOPRIO_WHO_PROCESS, tid, ioprio));
    }

    @Override
    public int ioprioGet(int tid) {
        return orErrno((int) C.syscall(numbers.ioprioGet, Syscalls.IOPRIO_WHO_PROCESS, tid, 0));
    }

    @Override
    public int schedSetScheduler(int tid, int policy, int priority) {
        return orErrno(C.sched_setscheduler(tid, policy, new int[] {priority}));
    }

    @Override
    public int schedGetScheduler(int tid) {
        return orErrno(C.sched_getscheduler(tid));
    }

    @Override
    public int schedGetPriority(int tid) {
        int[] param = new int[1];
        int r = orErrno(C.sched_getparam(tid, param));
        return r < 0 ? r : param[0];
    }

    @Override
    public int madvise(long address, long length, int advice) {
        return orErrno(C.madvise(address, length, advice));
    }

    @Override
    public int open(byte[] path, int flags) {
        return orErrno(C.open(path, flags, 0));
    }

    @Override
    public int close(int fd) {
        return orErrno(C.close(fd));
    }

    @Override
    public int posixFadvise(int fd, long offset, long length, int advice) {
        return -C.posix_fadvise(fd, offset, length, advice); // returns the error number itself
    }

    @Override
    public long address(ByteBuffer directBuffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(directBuffer));
    }

    @Override
    public long pageSize() {
        return C.sysconf(SC_PAGESIZE);
    }

    /** libc's convention (-1 and errno) to ours (-errno). */
    private static int orErrno(int result) {
        return result == -1 ? -Native.getLastError() : result;
    }
}
