package io.v2e.tuning.testkit;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An OSGi framework (whatever {@link FrameworkFactory} the test classpath has, e.g. Felix) started
 * inside the test JVM, for checking that bundle jars resolve, start and register their services.
 * The tuning API package is exported by the system bundle from the test classpath, so a test can
 * cast the services it finds to {@code TuningProvider}. One test thread; close it when done.
 */
public final class EmbeddedFelix implements AutoCloseable {

    /**
     * The API package and version the system bundle exports from the test classpath; keep equal to
     * tuning-api's package-info {@code @Version}s (bnd imports [2.1,2.2) into the providers; the
     * Linux providers read other processes' tasks through {@code proc} since 2.1).
     */
    public static final String API_EXPORT = "io.v2e.tuning.api;version=2.1.0,io.v2e.tuning.api.proc;version=1.2.0";

    private final Framework framework;
    private final List<Bundle> installed = new ArrayList<>();

    private EmbeddedFelix(Framework framework) {
        this.framework = framework;
    }

    /** Starts a clean framework with its storage under {@code storage}. */
    public static EmbeddedFelix start(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_EXPORT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the test classpath"));
        Framework framework = factory.newFramework(config);
        framework.start();
        return new EmbeddedFelix(framework);
    }

    /**
     * Installs the bundle jars named in a system property ({@code File.pathSeparator}-separated
     * paths, as the build sets them) and starts those that are not fragments.
     *
     * @return every start failure, bundle by bundle ("BSN: message"); empty when all started
     */
    public List<String> installAndStart(String pathList) throws BundleException {
        for (String path : pathList.split(File.pathSeparator)) {
            if (!path.isBlank()) {
                installed.add(framework.getBundleContext().installBundle(new File(path.trim()).toURI().toString()));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                failures.add(bundle.getSymbolicName() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    /** The installed bundle with this symbolic name, or throws. */
    public Bundle bundle(String symbolicName) {
        return installed.stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundle " + symbolicName + " installed"));
    }

    /**
     * Waits up to {@code timeoutMillis} for a service of {@code type} matching {@code filter}
     * (DS activates components asynchronously) and returns its reference, or null.
     */
    public <S> ServiceReference<S> awaitService(Class<S> type, String filter, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            var refs = framework.getBundleContext().getServiceReferences(type, filter);
            if (!refs.isEmpty()) {
                return refs.iterator().next();
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    public <S> S service(ServiceReference<S> reference) {
        return framework.getBundleContext().getService(reference);
    }

    @Override
    public void close() throws BundleException {
        framework.stop();
        try {
            framework.waitForStop(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
