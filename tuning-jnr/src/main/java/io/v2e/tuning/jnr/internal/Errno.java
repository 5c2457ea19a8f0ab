package io.v2e.tuning.jnr.internal;

/** Linux errno numbers (the same on x86_64 and aarch64) to their names, for DENIED outcomes. */
final class Errno {

    static final int EPERM = 1;
    static final int ESRCH = 3;
    static final int EINVAL = 22;

    private Errno() {
    }

    static String name(int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 3: return "ESRCH";
            case 4: return "EINTR";
            case 5: return "EIO";
            case 9: return "EBADF";
            case 11: return "EAGAIN";
            case 12: return "ENOMEM";
            case 13: return "EACCES";
            case 14: return "EFAULT";
            case 16: return "EBUSY";
            case 19: return "ENODEV";
            case 22: return "EINVAL";
            case 28: return "ENOSPC";
            case 29: return "ESPIPE";
            case 38: return "ENOSYS";
            case 95: return "EOPNOTSUPP";
            default: return "ERRNO_" + errno;
        }
    }
}
