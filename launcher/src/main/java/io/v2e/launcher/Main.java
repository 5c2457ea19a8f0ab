package io.v2e.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleException;

/**
 * {@code bin/v2e} entry point: embeds Felix with the bundles of {@code bundle/}.
 * <ul>
 * <li>{@code bin/v2e CMD ARGS...} boots a private container (its own framework cache), runs that
 * one Gogo command, prints its output to stdout, stops and exits: 0 success, 1 the command failed,
 * 2 unknown command, 3 the container or shell runtime did not start.</li>
 * <li>{@code bin/v2e} with a terminal: the container with an interactive Gogo shell.</li>
 * <li>{@code bin/v2e} without a terminal: the container until SIGTERM/SIGINT, then a clean
 * framework stop and exit 0.</li>
 * </ul>
 * Logging goes to {@code log/} (see {@link BootLog}, configured by {@code etc/logback.xml}); stdout
 * carries command output only.
 */
public final class Main {

    static final int CONTAINER_FAILED = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String homeProperty = System.getProperty(LauncherSettings.HOME);
        if (homeProperty == null || homeProperty.isBlank()) {
            System.err.println("v2e: -D" + LauncherSettings.HOME + "=<distribution dir> is not set; start with bin/v2e");
            return CONTAINER_FAILED;
        }
        Path home = Path.of(homeProperty).toAbsolutePath().normalize();
        Mode mode = Mode.of(args, Boolean.getBoolean("v2e.interactive"));
        LauncherSettings settings;
        try {
            settings = LauncherSettings.load(home, System.getProperties());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("v2e: " + e.getMessage());
            return CONTAINER_FAILED;
        }
        return mode == Mode.COMMAND ? runCommand(settings, args) : runContainer(settings, mode);
    }

    private static int runCommand(LauncherSettings shared, String[] args) {
        BootLog log;
        try {
            log = BootLog.start(shared, "command", true);
        } catch (IOException e) {
            System.err.println("v2e: cannot write the log: " + e.getMessage());
            return CONTAINER_FAILED;
        }
        // A private cache, so a command can run next to a running container of the same home.
        RunDirectory run = new RunDirectory(shared, log);
        run.deleteStaleCommandCaches();
        Path cache = run.commandCache(ProcessHandle.current().pid());
        // ... and off the transport's socket and the HTTP port, which belong to the running container (if any).
        LauncherSettings settings = shared.with(LauncherSettings.STORAGE, cache.toString())
                .with("v2e.transport.listen", "false").with("org.apache.felix.http.enable", "false");
        AtomicReference<Container> booted = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {      // Ctrl-C during boot or command
            stopQuietly(booted.get(), settings, log);
            run.deleteTree(cache);
        }, "v2e-shutdown"));
        Container container = null;
        try {
            long t0 = System.nanoTime();
            container = Container.boot(settings, log);
            booted.set(container);
            log.info("command container up in " + elapsedMs(t0) + " ms, " + container.bundleCount() + " bundles");
            CommandLine command = CommandLine.of(Arrays.asList(args));
            GogoCommand gogo = new GogoCommand(container.context(),
                    settings.millis(LauncherSettings.COMMAND_WAIT_MS, 10_000),
                    settings.millis(LauncherSettings.COMMAND_SETTLE_MS, 1_000),
                    readyCondition(settings));
            long t1 = System.nanoTime();
            int status = gogo.run(command, System.in, log.stdout(), log.stderr());
            log.info("'" + command.line() + "' exited " + status + " after " + elapsedMs(t1) + " ms");
            return status;
        } catch (BundleException | IOException | RuntimeException e) {
            log.warn("the container did not start: " + e.getMessage() + " (log: " + log.path() + ")");
            return CONTAINER_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CONTAINER_FAILED;
        } finally {
            stopQuietly(container, settings, log);
            run.deleteTree(cache);
            log.close();
        }
    }

    /** The condition id a one-shot command waits for ({@code v2e.ready} unless the settings say otherwise). */
    private static String readyCondition(LauncherSettings settings) {
        String id = settings.get(LauncherSettings.COMMAND_READY_CONDITION);
        return id == null ? "v2e.ready" : id.trim();
    }

    private static int runContainer(LauncherSettings settings, Mode mode) {
        BootLog log;
        try {
            log = BootLog.start(settings, "v2e", false);
        } catch (IOException e) {
            System.err.println("v2e: cannot write the log: " + e.getMessage());
            return CONTAINER_FAILED;
        }
        // Felix's own cache lock does not stop a second process (and its clean-on-boot would wipe
        // the first one's cache), so the launcher holds a lock next to the cache.
        RunDirectory run = new RunDirectory(settings, log);
        try {
            run.create();
        } catch (IOException e) {
            log.warn("cannot create " + run.lockFile().getParent() + ": " + e.getMessage());
            log.close();
            return CONTAINER_FAILED;
        }
        try (FileChannel lockChannel = FileChannel.open(run.lockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                log.warn("another container already runs from " + settings.home() + " (" + run.lockFile()
                        + " is held); one-shot commands still work: bin/v2e CMD");
                return CONTAINER_FAILED;
            }
            return runLocked(settings, mode, log);
        } catch (IOException e) {
            log.warn("cannot lock " + run.lockFile() + ": " + e.getMessage());
            return CONTAINER_FAILED;
        } finally {
            log.close();
        }
    }

    private static int runLocked(LauncherSettings settings, Mode mode, BootLog log) {
        // Hook and signal handlers go in before the boot: a signal that arrives while bundles
        // start must still end in a clean stop.
        AtomicReference<Container> booted = new AtomicReference<>();
        AtomicBoolean stopRequested = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(booted.get(), settings, log),
                "v2e-shutdown"));
        if (mode == Mode.SERVICE) {
            Signals.onTermination(() -> {
                log.info("signal received, stopping the framework");
                stopRequested.set(true);
                Container c = booted.get();
                if (c != null) {
                    c.requestStop();
                }
            });
        }
        Container container;
        long t0 = System.nanoTime();
        try {
            container = Container.boot(settings, log);
        } catch (BundleException | IOException | RuntimeException e) {
            log.warn("the container did not start: " + e.getMessage() + " (log: " + log.path() + ")");
            return CONTAINER_FAILED;
        }
        booted.set(container);
        log.info("container up in " + elapsedMs(t0) + " ms, " + container.bundleCount() + " bundles, mode "
                + mode + ", pid " + ProcessHandle.current().pid());
        if (stopRequested.get()) {
            container.requestStop();         // the signal came during the boot
        } else if (mode == Mode.SHELL) {
            container.startShell();
        }
        try {
            boolean clean = container.awaitStop(Duration.ZERO);
            log.info("container stopped" + (clean ? "" : " with errors"));
            return clean ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void stopQuietly(Container container, LauncherSettings settings, BootLog log) {
        if (container == null || !container.isActive()) {
            return;
        }
        try {
            container.stop(settings.millis(LauncherSettings.STOP_WAIT_MS, 10_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.info("stopping the framework failed: " + e);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
