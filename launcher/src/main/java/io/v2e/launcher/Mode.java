package io.v2e.launcher;

/** How {@code bin/v2e} was asked to run. */
enum Mode {
    /** {@code bin/v2e CMD ARGS...}: boot, run one shell command, stop. */
    COMMAND,
    /** No argument, stdin is a terminal: the container with an interactive Gogo shell. */
    SHELL,
    /** No argument, no terminal: the container runs until SIGTERM/SIGINT. */
    SERVICE;

    static Mode of(String[] args, boolean interactive) {
        if (args.length > 0) {
            return COMMAND;
        }
        return interactive ? SHELL : SERVICE;
    }
}
