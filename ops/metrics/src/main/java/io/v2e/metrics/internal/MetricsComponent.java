package io.v2e.metrics.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
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
import io.v2e.metrics.api.MetricsSource;
import io.v2e.readiness.api.Readiness;

/**
 * The {@link Metrics} service (Prometheus text, a fresh snapshot per call) and the JMX MBeans
 * (refreshed by the thread {@code v2e-metrics-jmx}). The broker and the readiness service are
 * optional dynamic references: without them the metrics say so ({@code v2e_broker_up 0}). Every
 * {@link MetricsSource} service (the transport's, the SSG parser's) is read at each scrape and refresh.
 * <p>
 * Threading: {@link #prometheusText} from any thread (a scrape); the MBeans are updated on
 * {@code v2e-metrics-jmx} only. A configuration change re-activates the component.
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
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

    /** Bound sources by their {@value MetricsSource#SOURCE} name (sorted: a stable export order). */
    private final Map<String, MetricsSource> sources = new ConcurrentSkipListMap<>();

    private ScheduledExecutorService refresher;
    private JmxBeans beans;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSource(MetricsSource source, Map<String, Object> props) {
        String name = sourceName(props);
        if (name == null) {
            LOG.log(Level.WARNING, "a MetricsSource without a valid " + MetricsSource.SOURCE + " property is ignored: {0}",
                    props.get(MetricsSource.SOURCE));
            return;
        }
        sources.put(name, source);
    }

    void unbindSource(MetricsSource source, Map<String, Object> props) {
        String name = sourceName(props);
        if (name != null) {
            sources.remove(name, source);
        }
    }

    private static String sourceName(Map<String, Object> props) {
        Object name = props.get(MetricsSource.SOURCE);
        return name instanceof String && ((String) name).matches("[a-z][a-z0-9_]*") ? (String) name : null;
    }

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
        return PrometheusText.write(MetricFamilies.of(snapshot()));
    }

    private Snapshot snapshot() {
        List<Snapshot.SourceValues> values = new ArrayList<>();
        sources.forEach((name, source) -> {
            try {
                values.add(new Snapshot.SourceValues(name, List.copyOf(source.metrics())));
            } catch (RuntimeException e) { // one broken source must not take the others' metrics down
                LOG.log(Level.WARNING, "metrics source {0} failed: {1}", name, e.toString());
            }
        });
        return Snapshot.take(broker, readiness, values);
    }

    private void refreshBeans() {
        try {
            beans.update(snapshot());
        } catch (JMException | RuntimeException e) { // a bad round must not end the refreshing
            LOG.log(Level.WARNING, "JMX MBeans not refreshed: {0}", e.toString());
        }
    }
}
