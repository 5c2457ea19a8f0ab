package io.v2e.readiness.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;

import io.v2e.readiness.api.Readiness;

/**
 * Publishes the outcome of the checks: the {@link Readiness} service (registered for as long as this
 * lives, its {@value Readiness#WAITING_FOR_PROPERTY} property kept current) and the condition
 * {@code osgi.condition.id=v2e.ready} while nothing is missing. The condition is a service of its own
 * (not a property of the first) because the OSGi condition is what DS components and other
 * containers' tooling wait on: {@code osgi.ds.satisfying.condition}, a {@code (osgi.condition.id=v2e.ready)} target.
 * <p>
 * Threading: {@link #publish} and {@link #close} are called from one thread at a time (the readiness
 * thread, then deactivate after it stopped); the getters of the Readiness service from any thread.
 */
final class ReadinessPublisher implements Readiness {

    private static final Logger LOG = System.getLogger("io.v2e.readiness");

    private final BundleContext context;
    private final ServiceRegistration<Readiness> status;
    private ServiceRegistration<Condition> condition;
    private volatile List<String> waitingFor = List.of("the first check has not run yet");
    private volatile long firstReadyAfterMillis = -1;

    ReadinessPublisher(BundleContext context) {
        this.context = context;
        this.status = context.registerService(Readiness.class, this, properties(waitingFor));
    }

    /** Publishes one check round; returns whether the container is ready. */
    boolean publish(List<String> waiting, long millisSinceActivation) {
        List<String> before = waitingFor;
        if (!waiting.equals(before)) {
            waitingFor = List.copyOf(waiting);
            status.setProperties(properties(waitingFor));
        }
        boolean ready = waiting.isEmpty();
        if (ready && condition == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Condition.CONDITION_ID, CONDITION_ID);
            condition = context.registerService(Condition.class, Condition.INSTANCE, props);
            if (firstReadyAfterMillis < 0) {
                firstReadyAfterMillis = millisSinceActivation;
                LOG.log(Level.INFO, "container ready ({0}={1}) {2} ms after the readiness checks started",
                        Condition.CONDITION_ID, CONDITION_ID, millisSinceActivation);
            } else {
                LOG.log(Level.INFO, "container ready again ({0}={1})", Condition.CONDITION_ID, CONDITION_ID);
            }
        } else if (!ready && condition != null) {
            condition.unregister();
            condition = null;
            LOG.log(Level.WARNING, "container not ready any more, waiting for: {0}", String.join("; ", waiting));
        }
        return ready;
    }

    boolean everReady() {
        return firstReadyAfterMillis >= 0;
    }

    void close() {
        if (condition != null) {
            condition.unregister();
            condition = null;
        }
        try {
            status.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
    }

    @Override
    public boolean ready() {
        return waitingFor.isEmpty();
    }

    @Override
    public List<String> waitingFor() {
        return waitingFor;
    }

    @Override
    public long firstReadyAfterMillis() {
        return firstReadyAfterMillis;
    }

    private static Dictionary<String, Object> properties(List<String> waiting) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(WAITING_FOR_PROPERTY, waiting.toArray(String[]::new));
        return props;
    }
}
