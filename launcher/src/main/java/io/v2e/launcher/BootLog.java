package io.v2e.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    private final CompletableFuture<LoggerContext> configured;
    private final FrameworkLog frameworkLog;
    private final long startNanos;
    private volatile OsgiLogBridge bridge;

    private BootLog(PrintStream stdout, PrintStream stderr, Path path, CompletableFuture<LoggerContext> configured,
            long startNanos) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.path = path;
        this.configured = configured;
        this.startNanos = startNanos;
        this.frameworkLog = new FrameworkLog(this::context);
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
        long t0 = System.nanoTime();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Path config = settings.path(CONFIG, "etc/logback.xml");
        // Configuring logback takes a few hundred ms of class loading and XML; it runs beside the
        // framework's creation and bundle installation, and {@link #awaitConfigured} ends the overlap
        // before any bundle starts. Anything logged earlier waits for it in context().
        CompletableFuture<LoggerContext> configured = new CompletableFuture<>();
        Thread setup = new Thread(() -> StreamToLog.passThrough(() -> {
            try {
                LoggerContext context = LogbackSetup.configure(config, logDir, name, stderr);
                // JUL: the bridge replaces the console handler (which would print to stderr).
                SLF4JBridgeHandler.removeHandlersForRootLogger();
                SLF4JBridgeHandler.install();
                configured.complete(context);
            } catch (RuntimeException | Error e) {
                configured.completeExceptionally(e);
            }
        }), "v2e-logging-setup");
        setup.setDaemon(true);
        setup.start();
        BootLog log = new BootLog(stdout, stderr, path, configured, t0);
        System.setOut(StreamToLog.stdout(log::context, stdout));
        System.setErr(StreamToLog.stderr(log::context, stderr));
        return log;
    }

    /**
     * Framework properties that plug the framework into this logging: Felix's own logger (its
     * level follows logback from {@link #awaitConfigured} on), and the OSGi Log Service started
     * with the system bundle (before any bundle is installed, so no entry is missed). New
     * activator instances for every framework.
     */
    Map<String, Object> frameworkProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        OsgiLogBridge newBridge = new OsgiLogBridge(this::context);
        bridge = newBridge;
        props.put("felix.log.logger", frameworkLog);
        props.put("felix.systembundle.activators", List.of(new org.apache.felix.log.Activator(), newBridge));
        return props;
    }

    /**
     * Waits for logback's configuration (started by {@link #start}), then lets Felix's logger and
     * the OSGi log levels follow it. Called before the framework starts its bundles.
     */
    void awaitConfigured() {
        LoggerContext ctx = context();
        frameworkLog.attach();
        OsgiLogBridge b = bridge;
        if (b != null) {
            b.attach();
        }
        ctx.getLogger(LOGGER).info("logging configured, " + (System.nanoTime() - startNanos) / 1_000_000
                + " ms after the launcher started it");
    }

    /** The configured logback context; waits for the configuration to finish. */
    LoggerContext context() {
        try {
            return configured.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("logging did not start: " + e.getCause(), e.getCause());
        }
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
        context().getLogger(LOGGER).info(message);
    }

    /** A line in the log file and on the real stderr. */
    void warn(String message) {
        stderr.println("v2e: " + message);
        context().getLogger(LOGGER).warn(message);
    }

    /** Puts the real streams back and stops logback (flushes the file, ends the reload thread). */
    @Override
    public void close() {
        System.setOut(stdout);
        System.setErr(stderr);
        SLF4JBridgeHandler.uninstall();
        context().stop();
    }
}
