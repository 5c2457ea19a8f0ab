package io.v2e.tuning.linux.internal;

/** Linux errno numbers to their names (the asm-generic table, shared by x86_64 and aarch64). */
public final class ErrnoNames {

    private static final String[] NAMES = new String[134];

    static {
        String[][] pairs = {
            {"1", "EPERM"}, {"2", "ENOENT"}, {"3", "ESRCH"}, {"4", "EINTR"}, {"5", "EIO"}, {"6", "ENXIO"},
            {"7", "E2BIG"}, {"8", "ENOEXEC"}, {"9", "EBADF"}, {"10", "ECHILD"}, {"11", "EAGAIN"},
            {"12", "ENOMEM"}, {"13", "EACCES"}, {"14", "EFAULT"}, {"15", "ENOTBLK"}, {"16", "EBUSY"},
            {"17", "EEXIST"}, {"18", "EXDEV"}, {"19", "ENODEV"}, {"20", "ENOTDIR"}, {"21", "EISDIR"},
            {"22", "EINVAL"}, {"23", "ENFILE"}, {"24", "EMFILE"}, {"25", "ENOTTY"}, {"26", "ETXTBSY"},
            {"27", "EFBIG"}, {"28", "ENOSPC"}, {"29", "ESPIPE"}, {"30", "EROFS"}, {"31", "EMLINK"},
            {"32", "EPIPE"}, {"33", "EDOM"}, {"34", "ERANGE"}, {"35", "EDEADLK"}, {"36", "ENAMETOOLONG"},
            {"37", "ENOLCK"}, {"38", "ENOSYS"}, {"39", "ENOTEMPTY"}, {"40", "ELOOP"}, {"61", "ENODATA"},
            {"75", "EOVERFLOW"}, {"95", "EOPNOTSUPP"}, {"110", "ETIMEDOUT"}, {"133", "EHWPOISON"},
        };
        for (String[] p : pairs) {
            NAMES[Integer.parseInt(p[0])] = p[1];
        }
    }

    private ErrnoNames() {
    }

    /** {@code EPERM} for 1 (sign ignored, so -errno works too); {@code ERRNO_200} when unnamed (as jnr). */
    public static String of(int errno) {
        int n = Math.abs(errno);
        String name = n < NAMES.length ? NAMES[n] : null;
        return name != null ? name : "ERRNO_" + n;
    }
}
