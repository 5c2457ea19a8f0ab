package io.v2e.launcher;

import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

/**
 * Configures the JVM's one logback context from the logging file ({@code etc/logback.xml}).
 * The file refers to {@code ${v2e.log.dir}} and {@code ${v2e.log.name}}: they are set as system
 * properties, not context properties, because logback clears context properties on every reset,
 * and each live reload (the file's {@code scan}) starts with a reset.
 * <p>
 * A file that is missing or fails to load at boot is reported on stderr and replaced by the
 * built-in {@code fallback-logback.xml} (same format and file, INFO, no reload), so the container
 * still starts. Called once, from the launcher's {@code v2e-logging-setup} thread (see {@link BootLog}).
 */
final class LogbackSetup {

    static final String LOG_DIR_PROPERTY = "v2e.log.dir";
    static final String LOG_NAME_PROPERTY = "v2e.log.name";
    private static final String FALLBACK = "fallback-logback.xml";

    private LogbackSetup() {
    }

    /**
     * Loads {@code config}; on failure loads the fallback and tells {@code stderr} why.
     * Returns the context, with a {@link ConfigErrorReporter} attached for later reloads.
     */
    static LoggerContext configure(Path config, Path logDir, String logName, PrintStream stderr) {
        System.setProperty(LOG_DIR_PROPERTY, logDir.toString());
        System.setProperty(LOG_NAME_PROPERTY, logName);
        // The first call binds slf4j to logback and runs logback's own default configuration
        // (nothing is logged yet); it is replaced right away.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<String> errors = Files.isRegularFile(config) ? load(context, config)
                : List.of("cannot read " + config + " (missing or not a file)");
        if (!errors.isEmpty()) {
            stderr.println("v2e: logging configuration " + config + " is not usable, logging with the built-in"
                    + " default (INFO into " + logDir.resolve(logName + ".log") + ") until it is fixed and v2e"
                    + " restarted:");
            errors.forEach(e -> stderr.println("v2e:   " + e));
            loadFallback(context);
        }
        context.getStatusManager().add(new ConfigErrorReporter(context, config, stderr));
        return context;
    }

    /** Runs the file through Joran; returns its error messages (empty when it loaded cleanly). */
    static List<String> load(LoggerContext context, Path config) {
        context.reset();
        context.getStatusManager().clear();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config.toFile());
        } catch (JoranException e) {
            // the details are in the status list, read below
        }
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getEffectiveLevel() >= Status.ERROR)
                .map(ConfigErrorReporter::describe)
                .collect(Collectors.toList());
    }

    private static void loadFallback(LoggerContext context) {
        context.reset();
        context.getStatusManager().clear();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL fallback = LogbackSetup.class.getResource(FALLBACK);
        try {
            configurator.doConfigure(fallback);
        } catch (JoranException e) {
            throw new IllegalStateException("the launcher's built-in " + FALLBACK + " does not load", e);
        }
    }
}
