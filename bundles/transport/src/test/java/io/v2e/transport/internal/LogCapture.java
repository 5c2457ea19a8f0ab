package io.v2e.transport.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Every log line of {@code io.v2e} (System.Logger goes to java.util.logging in these tests), formatted, while open. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.v2e");
    private final Level before = logger.getLevel();
    private final SimpleFormatter formatter = new SimpleFormatter();
    final List<String> lines = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        lines.add(r.getLevel() + " " + formatter.formatMessage(r));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
