package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.metrics.api.Metric;
import io.v2e.metrics.api.Metrics;
import io.v2e.metrics.api.MetricsSource;

/** The metrics bundle in the distribution's bundles: JMX MBeans follow the broker, the Metrics service renders it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsInContainerIT {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @Inject
    private BundleContext context;

    @Inject
    private Broker broker;

    @Inject
    private Metrics metrics;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    @Test
    public void brokerMBeanCountsWhatTheBrokerReceived() throws Exception {
        ServiceRegistration<Endpoint> echo = register("it-jmx-count");
        try {
            for (int i = 0; i < 3; i++) {
                Message answer = broker.request(Message.request("it", "it-jmx-count", "Echo", "{}", null))
                        .get(10, TimeUnit.SECONDS);
                assertEquals(MessageType.RESPONSE, answer.type());
            }
            ObjectName endpoint = new ObjectName("io.v2e:type=Endpoint,name=" + ObjectName.quote("it-jmx-count"));
            await("endpoint MBean counts 3").atMost(V2e.PATIENCE).until(() -> JMX.isRegistered(endpoint)
                    && (Long) JMX.getAttribute(endpoint, "Delivered") == 3L);
            assertEquals("internal", JMX.getAttribute(endpoint, "Kind"));
            ObjectName brokerBean = new ObjectName("io.v2e:type=Broker");
            await("broker MBean agrees with the broker").atMost(V2e.PATIENCE)
                    .until(() -> (Long) JMX.getAttribute(brokerBean, "Received") == broker.stats().received());
            assertEquals(Boolean.TRUE, JMX.getAttribute(brokerBean, "BrokerUp"));
        } finally {
            echo.unregister();
        }
    }

    @Test
    public void endpointMBeanOfAGoneEndpointSaysAbsentAndKeepsItsCount() throws Exception {
        ObjectName name = new ObjectName("io.v2e:type=Endpoint,name=" + ObjectName.quote("it-jmx-gone"));
        ServiceRegistration<Endpoint> echo = register("it-jmx-gone");
        broker.request(Message.request("it", "it-jmx-gone", "Echo", "{}", null)).get(10, TimeUnit.SECONDS);
        await("MBean registered").atMost(V2e.PATIENCE).until(() -> JMX.isRegistered(name)
                && (Long) JMX.getAttribute(name, "Delivered") == 1L);
        echo.unregister();
        // the broker keeps a gone name's counters (broker:stats lists it as absent): so does its MBean
        await("MBean says absent").atMost(V2e.PATIENCE).until(() -> "absent".equals(JMX.getAttribute(name, "Kind")));
        assertEquals(1L, JMX.getAttribute(name, "Delivered"));
    }

    @Test
    public void workerMBeansShowEachWorkersTuning() throws Exception {
        await("workers tuned").atMost(V2e.PATIENCE).until(() -> broker.workersReport().settled());
        var report = broker.workersReport();
        for (var w : report.workers()) {
            ObjectName name = new ObjectName("io.v2e:type=Worker,name=" + ObjectName.quote(w.name()));
            // the MBeans answer from a snapshot up to jmx_refresh_ms old: wait for it to show the tuned worker
            await("worker MBean " + w.name()).atMost(V2e.PATIENCE).until(() -> JMX.isRegistered(name)
                    && (Integer) JMX.getAttribute(name, "Tid") == w.tid()
                    && w.outcomes().affinity().equals(JMX.getAttribute(name, "AffinityOutcome")));
            assertEquals(w.cpu(), JMX.getAttribute(name, "Cpu"));
        }
    }

    @Test
    public void prometheusTextCarriesTheEndpointsCounters() throws Exception {
        ServiceRegistration<Endpoint> echo = register("it-prom");
        try {
            broker.request(Message.request("it", "it-prom", "Echo", "{}", null)).get(10, TimeUnit.SECONDS);
            String text = metrics.prometheusText();
            assertTrue(text, text.contains("\nv2e_endpoint_delivered_total{endpoint=\"it-prom\",kind=\"internal\"} 1\n"));
        } finally {
            echo.unregister();
        }
    }

    @Test
    public void aMetricsSourceIsAnMBeanWhileItsServiceIsRegisteredAndAFamilyInTheText() throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MetricsSource.SOURCE, "it_probe");
        ServiceRegistration<MetricsSource> reg = context.registerService(MetricsSource.class,
                () -> java.util.List.of(Metric.counter("pings_total", "Pings seen.", 42)), props);
        ObjectName name = new ObjectName("io.v2e:type=Source,name=" + ObjectName.quote("it_probe"));
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> JMX.isRegistered(name));
            assertEquals(42.0, JMX.getAttribute(name, "pings_total"));
            String text = metrics.prometheusText();
            assertTrue(text, text.contains("# TYPE v2e_it_probe_pings_total counter\nv2e_it_probe_pings_total 42\n"));
        } finally {
            reg.unregister();
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> !JMX.isRegistered(name));
        String text = metrics.prometheusText();
        assertTrue(text, !text.contains("v2e_it_probe_pings_total"));
    }

    @Test
    public void theSsgParserIsASourceWithItsParseStatistics() throws Exception {
        ObjectName name = new ObjectName("io.v2e:type=Source,name=" + ObjectName.quote("ssg"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> JMX.isRegistered(name));
        assertTrue(JMX.getAttribute(name, "files_parsed_total") instanceof Double);
        assertTrue(metrics.prometheusText().contains("\n# TYPE v2e_ssg_parse_errors_total counter\n"));
    }

    private ServiceRegistration<Endpoint> register(String name) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, name);
        return context.registerService(Endpoint.class, m -> "{}", props);
    }
}
