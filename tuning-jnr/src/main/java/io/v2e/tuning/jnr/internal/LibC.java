package io.v2e.tuning.jnr.internal;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;

/**
 * The glibc functions this provider calls, bound by jnr-ffi (see {@link LibCBinding}). Functions
 * that report failure through errno save it ({@link SaveError}) so {@code LastError} reads it.
 * Public only because jnr-ffi generates the implementing class; the package is not exported.
 */
public interface LibC {

    /** syscall(2) for gettid, getpriority (raw), ioprio_set and ioprio_get. */
    @SaveError
    long syscall(long number, long arg1, long arg2, long arg3);

    int getpid();

    @SaveError
    int sched_setaffinity(int pid, @size_t long cpusetsize, @In byte[] mask);

    @SaveError
    int sched_getaffinity(int pid, @size_t long cpusetsize, @Out byte[] mask);

    @SaveError
    int sched_getcpu();

    @SaveError
    int setpriority(int which, int who, int prio);

    /** {@code param} is struct sched_param: one int, sched_priority. */
    @SaveError
    int sched_setscheduler(int pid, int policy, @In int[] param);

    @SaveError
    int sched_getscheduler(int pid);

    @SaveError
    int sched_getparam(int pid, @Out int[] param);

    @SaveError
    int madvise(@intptr_t long address, @size_t long length, int advice);

    /**
     * open(2) is variadic; the mode (unused without O_CREAT) is passed as the one variadic int,
     * which travels like a fixed argument on x86_64 and aarch64 Linux.
     */
    @SaveError
    int open(@In byte[] path, int flags, int mode);

    @SaveError
    int close(int fd);

    /** Returns 0 or the error number itself; does not set errno. */
    int posix_fadvise(int fd, @off_t long offset, @off_t long length, int advice);
}
