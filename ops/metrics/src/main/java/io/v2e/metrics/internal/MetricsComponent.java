package io.v2e.metrics.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.v2e.broker.api.Broker;
import io.v2e.metrics.api.Metrics;
import io.v2e.readiness.api.Readiness;

/**
 * The {@link Metrics} service (Prometheus text, a fresh snapshot per call) and the JMX MBeans
 * (refreshed by the thread {@code v2e-metrics-jmx}). The broker and the readiness service are
 * optional dynamic references: without them the metrics say so ({@code v2e_broker_up 0}).
 * <p>
 * Threading: {@link #prometheusText} from any thread (a scrape); the MBeans are updated on
 * {@code v2e-metrics-jmx} only. A configuration change re-activates the component.
 */
@Component(service = Metrics.class, configurationPid = MetricsComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = MetricsConfig.class)
public final class MetricsComponent implements Metrics {

    static final String PID = "io.v2e.metrics";
    private static final Logger LOG = System.getLogger("io.v2e.metrics");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Broker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Readiness readiness;

    private ScheduledExecutorService refresher;
    private JmxBeans beans;

    @Activate
    void activate(MetricsConfig config) {
        if (!config.jmx()) {
            return;
        }
        int refreshMs = Math.max(100, Math.min(60_000, config.jmx__refresh__ms()));
        if (refreshMs != config.jmx__refresh__ms()) {
            LOG.log(Level.ERROR, "configuration " + PID + ": jmx_refresh_ms = {0} outside 100..60000, using {1}",
                    config.jmx__refresh__ms(), refreshMs);
        }
        try {
            beans = new JmxBeans();
        } catch (JMException e) {
            LOG.log(Level.ERROR, "JMX MBeans not registered: {0}", e.toString());
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v2e-metrics-jmx");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshBeans, 0, refreshMs, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (beans != null) {
            try {
                beans.close();
            } catch (JMException e) {
                LOG.log(Level.WARNING, "JMX MBeans not all unregistered: {0}", e.toString());
            }
        }
    }

    @Override
    public String prometheusText() {
        return PrometheusText.write(MetricFamilies.of(Snapshot.take(broker, readiness)));
    }

    private void refreshBeans() {
        try {
            beans.update(Snapshot.take(broker, readiness));
        } catch (JMException | RuntimeException e) { // a bad round must not end the refreshing
            LOG.log(Level.WARNING, "JMX MBeans not refreshed: {0}", e.toString());
        }
    }
}
