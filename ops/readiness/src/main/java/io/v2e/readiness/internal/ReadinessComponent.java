package io.v2e.readiness.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;

import io.v2e.broker.api.Broker;
import io.v2e.config.internal.ConfigCheck;

/**
 * Runs the readiness checks on its own thread and publishes the outcome: the {@code Readiness}
 * service always, the condition {@code osgi.condition.id=v2e.ready} while every check passes.
 * <p>
 * Threading: DS calls (bind, unbind, activate, modified, deactivate) only swap volatile fields and
 * schedule a check; every check and every (un)registration runs on the thread {@code v2e-readiness}.
 * The broker and the runtime are optional dynamic references, so a missing broker is a reason the
 * container is not ready (reported), not a reason this component is not there to report it.
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
@Component(service = {}, configurationPid = ReadinessComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = ReadinessConfig.class)
public final class ReadinessComponent {

    static final String PID = "io.v2e.readiness";
    private static final Logger LOG = System.getLogger("io.v2e.readiness");
    /** Once ready, checks run this many intervals apart (they only watch for a loss). */
    private static final int READY_SLOWDOWN = 10;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Broker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configAdmin;

    private volatile List<Check> checks = List.of();
    private volatile int intervalMs;
    private ScheduledExecutorService thread;
    private ReadinessPublisher publisher;
    private SelectedProvider selectedProvider;
    private long activatedAtNanos;

    @Activate
    void activate(BundleContext context, ReadinessConfig config, Map<String, Object> props) {
        activatedAtNanos = System.nanoTime();
        selectedProvider = new SelectedProvider(context, () -> configAdmin);
        configure(config, props);
        publisher = new ReadinessPublisher(context);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v2e-readiness");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::checkAndReschedule);
    }

    @Modified
    void modified(ReadinessConfig config, Map<String, Object> props) {
        configure(config, props);
        thread.execute(() -> publish(runChecks(!publisher.everReady())));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        publisher.close();
    }

    private void configure(ReadinessConfig config, Map<String, Object> props) {
        ReadinessSettings settings;
        try {
            ConfigCheck.check(ReadinessConfig.class, props);
            settings = ReadinessSettings.of(config);
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            boolean first = checks.isEmpty();
            LOG.log(Level.ERROR, "configuration " + PID + " rejected: {0}; {1}", e.getMessage(),
                    first ? "using the defaults" : "the previous checks stay");
            if (!first) {
                return;
            }
            settings = ReadinessSettings.DEFAULTS;
        }
        List<Check> next = new ArrayList<>();
        next.add(new BrokerCheck(() -> broker, selectedProvider::expected));
        settings.components().forEach(name -> next.add(new ComponentCheck(() -> runtime, name)));
        settings.endpoints().forEach(name -> next.add(new EndpointCheck(() -> broker, name)));
        intervalMs = settings.intervalMs();
        checks = List.copyOf(next);
    }

    private void checkAndReschedule() {
        boolean ready = publish(runChecks(!publisher.everReady()));
        if (!thread.isShutdown()) {
            thread.schedule(this::checkAndReschedule, ready ? (long) intervalMs * READY_SLOWDOWN : intervalMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    private List<String> runChecks(boolean firstTime) {
        List<String> waiting = new ArrayList<>();
        for (Check c : checks) {
            String why;
            try {
                why = c.waitingFor(firstTime);
            } catch (RuntimeException e) { // a check must never stop the checking thread
                why = "check failed: " + e;
            }
            if (why != null) {
                waiting.add(why);
            }
        }
        return waiting;
    }

    private boolean publish(List<String> waiting) {
        return publisher.publish(waiting, (System.nanoTime() - activatedAtNanos) / 1_000_000);
    }
}
