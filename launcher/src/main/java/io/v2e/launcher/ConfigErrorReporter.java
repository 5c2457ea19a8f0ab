package io.v2e.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Makes an error in a live reload of the logging file visible: logback itself only records it in
 * its status list. Each error goes to stderr at once and, a moment later (once logback has put
 * back the previous configuration, which it does after an XML error), into the log as well.
 * Called on logback's reload thread; survives the context resets of later reloads.
 */
final class ConfigErrorReporter implements StatusListener {

    static final String LOGGER = "io.v2e.launcher.logging";
    private static final long LOG_DELAY_MS = 200;

    private final LoggerContext context;
    private final Path config;
    private final PrintStream stderr;

    ConfigErrorReporter(LoggerContext context, Path config, PrintStream stderr) {
        this.context = context;
        this.config = config;
        this.stderr = stderr;
    }

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() < Status.ERROR) {
            return;
        }
        String line = "logging configuration " + config + ": " + describe(status)
                + " (logback keeps the previous configuration where it can; fix the file and it is reloaded)";
        stderr.println("v2e: " + line);
        try {
            context.getScheduledExecutorService().schedule(() -> LoggerFactory.getLogger(LOGGER).error(line),
                    LOG_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // the context is stopping: stderr has it
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    /** The status message and, when there is one, its cause's message, on one line. */
    static String describe(Status status) {
        Throwable t = status.getThrowable();
        String message = status.getMessage();
        if (t != null && t.getMessage() != null && !message.contains(t.getMessage())) {
            message = message + ": " + t.getMessage();
        }
        return message.replace('\n', ' ');
    }
}
