package io.v2e.tuning.linux.internal;

import java.nio.ByteBuffer;

/**
 * The raw Linux calls a native provider binds (jnr-ffi, JNA, FFM). Each method makes exactly one call
 * and returns the kernel's answer: a non-negative result, or {@code -errno} on failure. Nothing
 * here interprets errno; {@link LinuxTuningProvider} turns it into outcomes.
 * <p>
 * Threading: implementations are stateless apart from the binding and may be called from any
 * thread; a thread id argument names a kernel thread (gettid), 0 is never used.
 */
public interface LinuxCalls {

    /** gettid(2) through syscall(2); never fails. */
    int gettid();

    /** getpid(2); never fails. */
    int getpid();

    /** sched_setaffinity(tid, mask.length, mask): 0 or -errno. */
    int schedSetAffinity(int tid, byte[] mask);

    /** sched_getaffinity(tid, mask.length, mask) filling {@code mask}: 0 or -errno. */
    int schedGetAffinity(int tid, byte[] mask);

    /** sched_getcpu(3): the CPU number or -errno. */
    int schedGetCpu();

    /** setpriority(PRIO_PROCESS, tid, nice): 0 or -errno. */
    int setPriority(int tid, int nice);

    /**
     * The raw getpriority syscall for PRIO_PROCESS and {@code tid}: {@code 20 - nice} (1..40) or
     * -errno. The raw form is used because glibc's getpriority returns -1 both for nice -1 and
     * for an error, and a stale errno cannot be told apart.
     */
    int getPriorityRaw(int tid);

    /** ioprio_set(IOPRIO_WHO_PROCESS, tid, ioprio) through syscall(2): 0 or -errno. */
    int ioprioSet(int tid, int ioprio);

    /** ioprio_get(IOPRIO_WHO_PROCESS, tid) through syscall(2): the ioprio value or -errno. */
    int ioprioGet(int tid);

    /**
     * sched_setscheduler(tid, policy, param) with param.sched_priority = {@code priority}: 0 or
     * -errno. {@code policy} is a SCHED_* number, possibly or-ed with SCHED_RESET_ON_FORK.
     */
    int schedSetScheduler(int tid, int policy, int priority);

    /** sched_getscheduler(tid): the policy (with SCHED_RESET_ON_FORK when set) or -errno. */
    int schedGetScheduler(int tid);

    /** sched_getparam(tid, param): param.sched_priority (0..99) or -errno. */
    int schedGetPriority(int tid);

    /** madvise(2) on a page-aligned region: 0 or -errno. */
    int madvise(long address, long length, int advice);

    /**
     * open(path, flags): the new file descriptor or -errno. {@code path} is the file name in the
     * platform's encoding, terminated by a 0 byte.
     */
    int open(byte[] path, int flags);

    /** close(fd): 0 or -errno. */
    int close(int fd);

    /**
     * posix_fadvise(fd, offset, length, advice): 0 or -errno (posix_fadvise returns the error
     * number instead of setting errno; implementations negate it).
     */
    int posixFadvise(int fd, long offset, long length, int advice);

    /** The native address of a direct buffer's first byte (ignoring its position). */
    long address(ByteBuffer directBuffer);

    /** The page size, sysconf(_SC_PAGESIZE). */
    long pageSize();
}
