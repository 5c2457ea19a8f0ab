package io.v2e.bench.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.LatencyProbe;

/**
 * The OSGi-native peer in the same container: Felix EventAdmin's asynchronous {@code postEvent}
 * to this handler, with the same payload and handler work as the broker's endpoint. Active only
 * when an EventAdmin service is present (the bench bundle imports its package optionally; the
 * distribution ships none, the benchmark drops one into bundle/).
 * <p>
 * Threading: {@link #send} from the producer; {@link #handleEvent} from EventAdmin's delivery
 * thread, which delivers one poster's events in order.
 */
@Component(service = {HandOff.class, EventHandler.class}, property = EventConstants.EVENT_TOPIC + "=" + EventAdminHandOff.TOPIC)
public final class EventAdminHandOff implements HandOff, EventHandler {

    static final String TOPIC = "io/v2e/bench/tick";

    /** EventAdmin's per-handler timeout, a framework property; "0" turns its timeout watcher off. */
    static final String TIMEOUT_PROPERTY = "org.apache.felix.eventadmin.Timeout";

    private final EventAdmin eventAdmin;
    private final String system;
    private final Map<String, Object> properties = Map.of("payload", BenchBrokerCommand.PAYLOAD);
    private final AtomicLong received = new AtomicLong();
    /** Successive bench:broker calls may come from different shell threads. */
    private final AtomicLong sent = new AtomicLong();
    private volatile LatencyProbe probe;

    @Activate
    public EventAdminHandOff(@Reference EventAdmin eventAdmin, BundleContext context) {
        this.eventAdmin = eventAdmin;
        String timeout = context.getProperty(TIMEOUT_PROPERTY);
        // the plain-JVM harness's names: eventadmin-post-default, eventadmin-post-timeout0
        this.system = "eventadmin-post" + (timeout == null ? "-default" : "-timeout" + timeout.trim());
    }

    @Override
    public String name() {
        return system;
    }

    @Override
    public boolean send(long seq) {
        eventAdmin.postEvent(new Event(TOPIC, properties));
        sent.incrementAndGet();
        return true;
    }

    @Override
    public void handleEvent(Event event) {
        received.incrementAndGet();
        LatencyProbe p = probe;
        if (p != null) {
            p.receive();
        }
    }

    @Override
    public long sentTotal() {
        return sent.get();
    }

    @Override
    public long receivedTotal() {
        return received.get();
    }

    @Override
    public void attach(LatencyProbe p) {
        probe = p;
    }
}
