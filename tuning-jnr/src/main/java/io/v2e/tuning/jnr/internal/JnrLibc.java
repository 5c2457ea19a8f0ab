package io.v2e.tuning.jnr.internal;

import java.nio.ByteBuffer;

import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.PageManager;

import io.v2e.tuning.linux.internal.LinuxCalls;
import io.v2e.tuning.linux.internal.Syscalls;
import jnr.ffi.LastError;
import jnr.ffi.Runtime;

/**
 * The raw Linux calls over jnr-ffi: libc bound once per JVM ({@link LibCBinding}), errno read with
 * {@link LastError}, which jnr-ffi saves right after each {@code @SaveError} call on the calling
 * thread. Stateless apart from the binding; any thread.
 */
final class JnrLibc implements LinuxCalls {

    private final LibC libc;
    private final Runtime runtime;
    private final Syscalls numbers;

    JnrLibc(Syscalls numbers) {
        this.libc = LibCBinding.libc();
        this.runtime = LibCBinding.runtime();
        this.numbers = numbers;
    }

    @Override
    public int gettid() {
        return (int) libc.syscall(numbers.gettid, 0, 0, 0);
    }

    @Override
    public int getpid() {
        return libc.getpid();
    }

    @Override
    public int schedSetAffinity(int tid, byte[] mask) {
        return orErrno(libc.sched_setaffinity(tid, mask.length, mask));
    }

    @Override
    public int schedGetAffinity(int tid, byte[] mask) {
        return orErrno(libc.sched_getaffinity(tid, mask.length, mask));
    }

    @Override
    public int schedGetCpu() {
        return orErrno(libc.sched_getcpu());
    }

    @Override
    public int setPriority(int tid, int nice) {
        return orErrno(libc.setpriority(Syscalls.PRIO_PROCESS, tid, nice));
    }

    @Override
    public int getPriorityRaw(int tid) {
        return orErrno((int) libc.syscall(numbers.getpriority, Syscalls.PRIO_PROCESS, tid, 0));
    }

    @Override
    public int ioprioSet(int tid, int ioprio) {
        return orErrno((int) libc.syscall(numbers.ioprioSet, Syscalls.IOPRIO_WHO_PROCESS, tid, ioprio));
    }

    @Override
    public int ioprioGet(int tid) {
        return orErrno((int) libc.syscall(numbers.ioprioGet, Syscalls.IOPRIO_WHO_PROCESS, tid, 0));
    }

    @Override
    public int schedSetScheduler(int tid, int policy, int priority) {
        return orErrno(libc.sched_setscheduler(tid, policy, new int[] {priority}));
    }

    @Override
    public int schedGetScheduler(int tid) {
        return orErrno(libc.sched_getscheduler(tid));
    }

    @Override
    public int schedGetPriority(int tid) {
        int[] param = new int[1];
        int r = orErrno(libc.sched_getparam(tid, param));
        return r < 0 ? r : param[0];
    }

    @Override
    public int madvise(long address, long length, int advice) {
        return orErrno(libc.madvise(address, length, advice));
    }

    @Override
    public int open(byte[] path, int flags) {
        return orErrno(libc.open(path, flags, 0));
    }

    @Override
    public int close(int fd) {
        return orErrno(libc.close(fd));
    }

    @Override
    public int posixFadvise(int fd, long offset, long length, int advice) {
        return -libc.posix_fadvise(fd, offset, length, advice); // returns the error number itself
    }

    @Override
    public long address(ByteBuffer directBuffer) {
        return MemoryIO.getInstance().getDirectBufferAddress(directBuffer);
    }

    @Override
    public long pageSize() {
        return PageManager.getInstance().pageSize();
    }

    /** libc's convention (-1 and errno) to ours (-errno). */
    private int orErrno(int result) {
        return result == -1 ? -LastError.getLastError(runtime) : result;
    }
}
