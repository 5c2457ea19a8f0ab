package io.v2e.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.LatencyProbe;

/**
 * Felix EventAdmin 1.6.4 as a real bundle in an embedded Felix framework (started in this JVM;
 * the system bundle exports org.osgi.service.event from the classpath so the handler registered
 * here and the bundle share one API). {@code post} selects postEvent (asynchronous, EventAdmin's
 * thread pool delivers) or sendEvent (synchronous, in the producer's thread). EventAdmin's
 * per-handler timeout is a framework property: null keeps its default (5000 ms, which makes it
 * run each async delivery under a timeout watcher), "0" turns the watcher off.
 */
final class EventAdminHandOff implements HandOff {

    static final String TOPIC = "io/v2e/bench/tick";
    private final Framework framework;
    private final EventAdmin eventAdmin;
    private final ServiceRegistration<EventHandler> registration;
    private final boolean post;
    private final String name;
    private final String payload;
    private volatile LatencyProbe probe;
    private final java.util.concurrent.atomic.AtomicLong receivedTotal = new java.util.concurrent.atomic.AtomicLong();
    private long sentTotal;

    EventAdminHandOff(Path bundleFile, Path storage, String timeout, boolean post, String payload) throws Exception {
        this.post = post;
        this.payload = payload;
        this.name = "eventadmin-" + (post ? "post" : "send") + (timeout == null ? "-default" : "-timeout" + timeout);
        if (!Files.isRegularFile(bundleFile)) {
            throw new IllegalStateException("EventAdmin bundle not found at " + bundleFile
                    + " (set -Dv2e.eventadmin.bundle; `mvn -pl benchmarks -am package` copies it to target/bench-bundles)");
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.event;version=1.4.1");
        if (timeout != null) {
            config.put("org.apache.felix.eventadmin.Timeout", timeout);
        }
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the classpath")).newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        Bundle ea = ctx.installBundle(new File(bundleFile.toString()).toURI().toString());
        ea.start();
        ServiceReference<EventAdmin> ref = ctx.getServiceReference(EventAdmin.class);
        if (ref == null) {
            throw new IllegalStateException("EventAdmin bundle started but registered no EventAdmin visible to the harness"
                    + " (state " + ea.getState() + ")");
        }
        eventAdmin = ctx.getService(ref);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, TOPIC);
        registration = ctx.registerService(EventHandler.class, event -> {
            receivedTotal.incrementAndGet();
            Object p = event.getProperty("payload");
            probe.receive(p == null ? 0 : ((String) p).length());
        }, props);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void attach(LatencyProbe p) {
        probe = p;
    }

    @Override
    public boolean send(long seq) {
        Map<String, Object> props = Map.of("payload", payload);
        Event e = new Event(TOPIC, props);
        if (post) {
            eventAdmin.postEvent(e);
        } else {
            eventAdmin.sendEvent(e);
        }
        sentTotal++;
        return true;
    }

    @Override
    public long sentTotal() {
        return sentTotal;
    }

    @Override
    public long receivedTotal() {
        return receivedTotal.get();
    }

    @Override
    public void close() throws Exception {
        registration.unregister();
        framework.stop();
        framework.waitForStop(10_000);
    }
}
