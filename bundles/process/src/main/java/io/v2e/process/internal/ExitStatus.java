package io.v2e.process.internal;

/**
 * How a process ended, from Java's exit value: the JDK reports a process killed by signal N as
 * 128 + N (as a shell does), so a value above 128 reads as a signal.
 */
final class ExitStatus {

    private static final String[] SIGNALS = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
        "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"};

    private ExitStatus() {
    }

    static String describe(int exitValue) {
        if (exitValue > 128 && exitValue < 128 + 65) {
            int sig = exitValue - 128;
            return "signal " + sig + (sig < SIGNALS.length ? " (" + SIGNALS[sig] + ")" : "");
        }
        return "exit " + exitValue;
    }
}
