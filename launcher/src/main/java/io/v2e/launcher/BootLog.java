package io.v2e.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.LoggerContext;

/**
 * The launcher's logging: one logback context for the whole JVM, configured from the logging
 * file ({@code etc/logback.xml}), writing {@code log/<name>.log}. Everything ends up there in one
 * line format: the launcher's own lines (logger {@code io.v2e.launcher}), Felix's own log
 * ({@link FrameworkLog}), the OSGi Log Service (Felix Log, started with the system bundle, whose
 * entries and bundle/service/framework events {@link OsgiLogBridge} forwards to logback),
 * System.Logger (slf4j-jdk-platform-logging on the class path) and java.util.logging
 * (jul-to-slf4j's bridge handler on the root JUL logger). System.out and System.err are replaced by {@link StreamToLog}, so nothing
 * else reaches the terminal; the launcher keeps the real streams for command output, warnings
 * and errors. Gogo's ThreadIO still routes a command's own output to its session streams.
 */
final class BootLog implements AutoCloseable {

    static final String LOGGER = "io.v2e.launcher";
    /** Framework property naming the logging file; relative to v2e.home. */
    static final String CONFIG = "v2e.logging.config";

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Path path;
    private final LoggerContext context;
    private final FrameworkLog frameworkLog;
    private final Logger logger;

    private BootLog(PrintStream stdout, PrintStream stderr, Path path, LoggerContext context) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.path = path;
        this.context = context;
        this.frameworkLog = new FrameworkLog(context);
        this.logger = context.getLogger(LOGGER);
    }

    /**
     * Configures logging into {@code <log dir>/<name>.log}; {@code fresh} starts that file empty
     * (a one-shot command's log holds only the last command), otherwise it is appended to.
     */
    static BootLog start(LauncherSettings settings, String name, boolean fresh) throws IOException {
        Path logDir = settings.logDir();
        Files.createDirectories(logDir);
        Path path = logDir.resolve(name + ".log");
        if (fresh) {
            Files.deleteIfExists(path);
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        LoggerContext context = LogbackSetup.configure(settings.path(CONFIG, "etc/logback.xml"), logDir, name, stderr);
        // JUL: the bridge replaces the console handler (which would print to stderr).
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.setOut(StreamToLog.stdout(stdout));
        System.setErr(StreamToLog.stderr(stderr));
        return new BootLog(stdout, stderr, path, context);
    }

    /**
     * Framework properties that plug the framework into this logging: Felix's own logger and
     * level, and the OSGi Log Service started with the system bundle (before any bundle is
     * installed, so no entry is missed). New activator instances for every framework.
     */
    Map<String, Object> frameworkProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("felix.log.logger", frameworkLog);
        props.put("felix.log.level", Integer.toString(frameworkLog.felixLevel()));
        props.put("felix.systembundle.activators", List.of(new org.apache.felix.log.Activator(),
                new OsgiLogBridge(context)));
        return props;
    }

    /** The terminal's (or caller's) standard output, for command results. */
    PrintStream stdout() {
        return stdout;
    }

    /** The real standard error, for warnings and errors a person must see. */
    PrintStream stderr() {
        return stderr;
    }

    Path path() {
        return path;
    }

    /** A line in the log file only. */
    void info(String message) {
        logger.info(message);
    }

    /** A line in the log file and on the real stderr. */
    void warn(String message) {
        logger.warn(message);
        stderr.println("v2e: " + message);
    }

    /** Puts the real streams back and stops logback (flushes the file, ends the reload thread). */
    @Override
    public void close() {
        System.setOut(stdout);
        System.setErr(stderr);
        SLF4JBridgeHandler.uninstall();
        context.stop();
    }
}
