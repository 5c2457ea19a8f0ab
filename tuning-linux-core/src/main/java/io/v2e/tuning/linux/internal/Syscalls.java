package io.v2e.tuning.linux.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The syscall numbers a provider calls through syscall(2), for the architectures the providers
 * support. The numbers differ per architecture (x86_64 has its own table, aarch64 the generic one).
 */
public enum Syscalls {
    X86_64(186, 140, 251, 252),
    AARCH64(178, 141, 30, 31);

    /** IOPRIO_WHO_PROCESS: the ioprio "who" that names one thread by its id. */
    public static final int IOPRIO_WHO_PROCESS = 1;
    /** PRIO_PROCESS for get/setpriority: with a thread id it names that thread only. */
    public static final int PRIO_PROCESS = 0;

    public final int gettid;
    public final int getpriority;
    public final int ioprioSet;
    public final int ioprioGet;

    Syscalls(int gettid, int getpriority, int ioprioSet, int ioprioGet) {
        this.gettid = gettid;
        this.getpriority = getpriority;
        this.ioprioSet = ioprioSet;
        this.ioprioGet = ioprioGet;
    }

    /** The table for this JVM's {@code os.arch}, empty on an architecture we do not know. */
    public static Optional<Syscalls> forThisMachine() {
        return forArch(System.getProperty("os.arch", ""));
    }

    static Optional<Syscalls> forArch(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return Optional.of(X86_64);
            case "aarch64":
            case "arm64":
                return Optional.of(AARCH64);
            default:
                return Optional.empty();
        }
    }

    /**
     * Why a Linux provider cannot run in this JVM, or empty when it can: it needs Linux on
     * x86_64 or aarch64.
     */
    public static Optional<String> whyNotUsableHere() {
        return whyNotUsable(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static Optional<String> whyNotUsable(String os, String arch) {
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("not Linux (os.name=" + os + ")");
        }
        if (forArch(arch).isEmpty()) {
            return Optional.of("unsupported architecture (os.arch=" + arch + ", known: amd64, aarch64)");
        }
        return Optional.empty();
    }
}
