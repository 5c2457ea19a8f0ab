package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.readiness.api.Readiness;

/** The readiness condition v2e.ready in the distribution's bundles: when it comes, what withdraws it, what it names. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReadinessInContainerIT {

    private static final String CONDITION_FILTER = "(&(objectClass=org.osgi.service.condition.Condition)"
            + "(osgi.condition.id=" + Readiness.CONDITION_ID + "))";

    @Inject
    private BundleContext context;

    @Inject
    private Broker broker;

    @Inject
    private Readiness readiness;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    @After
    public void defaultChecks() throws Exception {
        configAdmin.getConfiguration("io.v2e.readiness", "?").delete();
        await("ready again with the default checks").atMost(V2e.PATIENCE).until(this::conditionRegistered);
    }

    @Test
    public void conditionIsRegisteredOnlyWithEveryWorkerTuned() throws Exception {
        await("condition v2e.ready").atMost(V2e.PATIENCE).until(this::conditionRegistered);
        assertTrue("workers tuned when ready: " + broker.workersReport(), broker.workersReport().settled());
        assertTrue(readiness.ready());
        assertEquals(List.of(), readiness.waitingFor());
        assertTrue("first ready after " + readiness.firstReadyAfterMillis(), readiness.firstReadyAfterMillis() >= 0);
    }

    @Test
    public void aMissingRequiredEndpointWithdrawsTheConditionAndIsNamed() throws Exception {
        await("condition v2e.ready").atMost(V2e.PATIENCE).until(this::conditionRegistered);
        requireEndpoints("it-ready-probe");
        await("condition withdrawn").atMost(V2e.PATIENCE).until(() -> !conditionRegistered());
        assertEquals(List.of("endpoint it-ready-probe: not bound in the broker"), readiness.waitingFor());
        String[] published = (String[]) context.getServiceReference(Readiness.class)
                .getProperty(Readiness.WAITING_FOR_PROPERTY);
        assertEquals(List.of("endpoint it-ready-probe: not bound in the broker"), List.of(published));

        ServiceRegistration<Endpoint> probe = registerEndpoint("it-ready-probe");
        try {
            await("ready with the endpoint bound").atMost(V2e.PATIENCE).until(this::conditionRegistered);
            assertEquals(List.of(), readiness.waitingFor());
        } finally {
            probe.unregister();
        }
        await("not ready once it went away").atMost(V2e.PATIENCE).until(() -> !conditionRegistered());
    }

    @Test
    public void aRequiredComponentThatIsNotInstalledIsNamed() throws Exception {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("required_components", "io.v2e.transport.internal.TransportComponent, no.such.Component");
        configAdmin.getConfiguration("io.v2e.readiness", "?").update(p);
        await("not ready").atMost(V2e.PATIENCE).until(() -> !conditionRegistered());
        assertEquals(List.of("component no.such.Component: not installed (no bundle declares it)"),
                readiness.waitingFor());
    }

    @Test
    public void checksDoNotCountInTheBrokersMessages() throws Exception {
        await("condition v2e.ready").atMost(V2e.PATIENCE).until(this::conditionRegistered);
        long before = broker.stats().received();
        requireEndpoints("it-ready-probe-2");
        await("condition withdrawn").atMost(V2e.PATIENCE).until(() -> !conditionRegistered());
        ServiceRegistration<Endpoint> probe = registerEndpoint("it-ready-probe-2");
        try {
            await("ready").atMost(V2e.PATIENCE).until(this::conditionRegistered);
        } finally {
            probe.unregister();
        }
        assertEquals(before, broker.stats().received());
    }

    private void requireEndpoints(String names) throws Exception {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("required_endpoints", names);
        p.put("check_interval_ms", "20");
        configAdmin.getConfiguration("io.v2e.readiness", "?").update(p);
    }

    private ServiceRegistration<Endpoint> registerEndpoint(String name) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, name);
        return context.registerService(Endpoint.class, m -> "{}", props);
    }

    private boolean conditionRegistered() throws InvalidSyntaxException {
        return context.getServiceReferences((String) null, CONDITION_FILTER) != null;
    }
}
