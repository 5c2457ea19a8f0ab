package io.v2e.tuning.api;

/** Argument checks shared by the process operations of {@link TuningProvider} and its providers. */
public final class ProcessArguments {

    private ProcessArguments() {
    }

    /**
     * Refuses a process or thread id that names no single process: 0 means "the caller" and a
     * negative one a process group to the kernel, neither of which a process operation means.
     */
    public static void check(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("a process id must be > 0, was " + pid);
        }
    }

    /** Refuses a nice value outside -20..19. */
    public static void checkNice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice must be -20..19, was " + nice);
        }
    }
}
