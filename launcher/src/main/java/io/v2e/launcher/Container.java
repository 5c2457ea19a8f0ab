package io.v2e.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The embedded Felix framework: installs every jar of {@code bundle/}, starts them in
 * {@link StartOrder}, and stops the framework cleanly. Bundles named in {@code v2e.shell.bundles}
 * (the interactive Gogo console) are installed always but started only by {@link #startShell()}.
 * Called from the launcher's main thread only.
 */
final class Container {

    private final Framework framework;
    private final List<Bundle> shellBundles;
    private final BootLog log;

    private Container(Framework framework, List<Bundle> shellBundles, BootLog log) {
        this.framework = framework;
        this.shellBundles = shellBundles;
        this.log = log;
    }

    static Container boot(LauncherSettings settings, BootLog log) throws BundleException, IOException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi FrameworkFactory on the class path (lib/)"));
        Map<String, Object> properties = new LinkedHashMap<>(settings.frameworkProperties());
        properties.putAll(log.frameworkProperties());
        Framework framework = factory.newFramework(asFrameworkConfiguration(properties));
        framework.init();
        BundleContext context = framework.getBundleContext();

        List<Bundle> installed = new ArrayList<>();
        for (Path jar : bundleJars(settings.bundleDir())) {
            try {
                installed.add(context.installBundle(jar.toUri().toString()));
            } catch (BundleException e) {
                log.warn("cannot install " + jar.getFileName() + ": " + e.getMessage());
            }
        }
        log.awaitConfigured();               // logging is up before any bundle starts
        framework.start();

        List<String> shellNames = settings.list(LauncherSettings.SHELL_BUNDLES);
        List<Bundle> shell = new ArrayList<>();
        StartOrder order = new StartOrder(settings.list(LauncherSettings.START_FIRST),
                settings.list(LauncherSettings.START_LAST));
        for (Bundle b : order.sort(installed, Bundle::getSymbolicName)) {
            if (isFragment(b)) {
                continue;
            }
            if (shellNames.contains(b.getSymbolicName())) {
                shell.add(b);
                continue;
            }
            start(b, log);
        }
        return new Container(framework, shell, log);
    }

    /**
     * Felix takes objects (its logger, system bundle activators) in the configuration map that
     * the standard signature types as strings; it reads each key with the type it expects.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> asFrameworkConfiguration(Map<String, Object> properties) {
        return (Map) properties;
    }

    private static List<Path> bundleJars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("bundle directory " + dir + " does not exist");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static boolean isFragment(Bundle b) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        return rev != null && (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static void start(Bundle b, BootLog log) {
        try {
            b.start();
        } catch (BundleException | RuntimeException e) {
            log.warn("bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    int bundleCount() {
        return context().getBundles().length;
    }

    /**
     * Starts the interactive console bundles (Gogo JLine); its {@code exit} stops the framework.
     * JLine finds its terminal providers through the context class loader, falling back to its own
     * loader when there is none; the launcher's loader cannot see them (JLine would fall back to a
     * dumb terminal without line editing), so the context loader is cleared while the shell starts.
     */
    void startShell() {
        Thread current = Thread.currentThread();
        ClassLoader saved = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            shellBundles.forEach(b -> start(b, log));
        } finally {
            current.setContextClassLoader(saved);
        }
    }

    /** Asks the framework to stop; returns at once (Felix stops on its own thread). */
    void requestStop() {
        try {
            framework.stop();
        } catch (BundleException e) {
            log.warn("framework stop failed: " + e.getMessage());
        }
    }

    /** Blocks until the framework has stopped; true when it stopped cleanly. */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(timeout.toMillis());
        switch (event.getType()) {
            case FrameworkEvent.STOPPED:
            case FrameworkEvent.STOPPED_UPDATE:
            case FrameworkEvent.STOPPED_BOOTCLASSPATH_MODIFIED:
            case FrameworkEvent.STOPPED_SYSTEM_REFRESHED:
                return true;
            case FrameworkEvent.WAIT_TIMEDOUT:
                log.warn("framework did not stop within " + timeout.toMillis() + " ms");
                return false;
            default:
                log.warn("framework stopped with an error: " + event.getThrowable());
                return false;
        }
    }

    /** Stops and waits; true when the framework stopped cleanly within {@code timeout}. */
    boolean stop(Duration timeout) throws InterruptedException {
        requestStop();
        return awaitStop(timeout);
    }

    boolean isActive() {
        return (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
    }
}
