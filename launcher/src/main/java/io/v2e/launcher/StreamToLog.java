package io.v2e.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import java.util.function.Supplier;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * Stands in for System.out / System.err inside the container: every line printed there (a
 * library's stray println, a stack trace, Gogo's default stream) becomes one log record of logger
 * {@code stdout} (INFO) or {@code stderr} (WARN), so it reaches the log file in the one format and
 * never the terminal. Any thread may write; each thread's partial line is buffered separately.
 * Output printed while logging itself is writing (logback reporting a problem) goes to the real
 * stream instead of looping.
 */
final class StreamToLog extends OutputStream {

    private static final ThreadLocal<Boolean> LOGGING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Supplier<LoggerContext> context;
    private final String name;
    private final boolean warn;
    private final PrintStream real;
    private final ThreadLocal<ByteArrayOutputStream> line = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    /** {@code context} may wait for logback's configuration: a line printed before it waits too. */
    private StreamToLog(Supplier<LoggerContext> context, String name, boolean warn, PrintStream real) {
        this.context = context;
        this.name = name;
        this.warn = warn;
        this.real = real;
    }

    /**
     * Runs {@code action} with this thread's prints going to the real streams: for the thread
     * that configures logback, which must not wait for itself.
     */
    static void passThrough(Runnable action) {
        LOGGING.set(Boolean.TRUE);
        try {
            action.run();
        } finally {
            LOGGING.set(Boolean.FALSE);
        }
    }

    static PrintStream stdout(Supplier<LoggerContext> context, PrintStream real) {
        return new PrintStream(new StreamToLog(context, "stdout", false, real), true, StandardCharsets.UTF_8);
    }

    static PrintStream stderr(Supplier<LoggerContext> context, PrintStream real) {
        return new PrintStream(new StreamToLog(context, "stderr", true, real), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        if (LOGGING.get()) {
            real.write(b);
            return;
        }
        if (b == '\n') {
            emit();
        } else {
            line.get().write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void emit() {
        ByteArrayOutputStream buffer = line.get();
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return;
        }
        LOGGING.set(Boolean.TRUE);
        try {
            Logger logger = context.get().getLogger(name);
            if (warn) {
                logger.warn(text);
            } else {
                logger.info(text);
            }
        } finally {
            LOGGING.set(Boolean.FALSE);
        }
    }
}
