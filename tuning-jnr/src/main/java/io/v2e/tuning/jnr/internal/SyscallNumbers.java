package io.v2e.tuning.jnr.internal;

import java.util.Optional;

/**
 * Numbers of the system calls glibc does not wrap for us, per architecture.
 *
 * @param gettid    SYS_gettid
 * @param ioprioSet SYS_ioprio_set
 * @param ioprioGet SYS_ioprio_get
 */
record SyscallNumbers(long gettid, long ioprioSet, long ioprioGet) {

    static final SyscallNumbers X86_64 = new SyscallNumbers(186, 251, 252);
    static final SyscallNumbers AARCH64 = new SyscallNumbers(178, 30, 31);

    /** The numbers for a JVM {@code os.arch}, empty for an architecture we do not know. */
    static Optional<SyscallNumbers> forArch(String osArch) {
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return Optional.of(X86_64);
            case "aarch64":
                return Optional.of(AARCH64);
            default:
                return Optional.empty();
        }
    }
}
