package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/**
 * The per-host provider selection (PID io.v2e.tuning, etc/io.v2e.tuning.cfg in the distribution)
 * changed through ConfigAdmin while messages flow: the broker's workers follow it, checked from
 * outside the broker and the providers (/proc/self/task/TID and {@code ionice -p TID}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SelectionInContainerIT {

    @Inject
    private BundleContext context;

    @Inject
    private Broker broker;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    @After
    public void backToAuto() throws Exception {
        select("auto");
        awaitWorkers("jnr");
    }

    @Test
    public void switchingJnrJnaNoopAutoWhileMessagesFlowMovesEveryWorkerAndLosesNoneReordersNone() throws Exception {
        assumeTrue("the jnr and jna providers are Linux only", Files.isDirectory(Path.of("/proc/self/task")));
        long pid = ProcessHandle.current().pid();
        ThreadKernelState untuned = ThreadKernelState.of(pid, pid); // the main thread, never tuned
        BrokerInContainerIT.SequenceChecker checker = new BrokerInContainerIT.SequenceChecker();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, "it-select-seq");
        ServiceRegistration<Endpoint> reg = context.registerService(Endpoint.class, checker, props);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<String> producerFault = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                SendResult r = broker.send(Message.event("it", "it-select-seq", "seq", Integer.toString(i)));
                if (r != SendResult.ACCEPTED) {
                    producerFault.compareAndSet(null, "message " + i + ": " + r);
                }
                sent.incrementAndGet();
            }
        }, "it-select-producer");
        List<String> log = new ArrayList<>();
        try {
            producer.start();
            for (String selection : List.of("jnr", "jna", "noop", "auto")) {
                int before = checker.count.get();
                select(selection);
                String expected = selection.equals("auto") ? "jnr" : selection;
                JsonNode workers = awaitWorkers(expected);
                assertEquals(expected, binding().get("tuning.using"));
                for (JsonNode w : workers.path("workers")) {
                    ThreadKernelState k = ThreadKernelState.of(pid, w.path("tid").asLong());
                    if (expected.equals("noop")) {
                        assertEquals(w.toString(), untuned.cpus(), k.cpus());
                        assertEquals(w.toString(), untuned.nice(), k.nice());
                        assertEquals(w.toString(), untuned.ionice(), k.ionice());
                    } else {
                        assertEquals(w.toString(), w.path("cpu").asText(), k.cpus());
                        assertTrue(w + " " + k, k.isTunedByDefaults());
                    }
                }
                await("messages keep flowing on " + expected).atMost(V2e.PATIENCE)
                        .until(() -> checker.count.get() > before + 1000);
                log.add(selection + ": " + workers.path("workers").size() + " workers on " + expected
                        + ", delivered " + before + " -> " + checker.count.get());
            }
            stop.set(true);
            producer.join(TimeUnit.MINUTES.toMillis(1));
            await("all " + sent.get() + " delivered").atMost(V2e.PATIENCE)
                    .until(() -> checker.count.get() == sent.get());
            assertEquals(null, producerFault.get());
            assertEquals(List.of(), checker.faults);
            System.out.println("[selection] " + log + ", " + sent.get() + " messages in order");
        } finally {
            stop.set(true);
            reg.unregister();
        }
    }

    @Test
    public void selectingFfmOnJava17FallsBackToTheBestAndSaysSoAndOn22ItBindsFfm() throws Exception {
        boolean ffmBuilt = bundle("io.v2e.tuning.ffm").isPresent();
        select("ffm");
        if (!ffmBuilt) { // a distribution built on JDK 17 has no ffm provider
            await("the fallback is published").atMost(V2e.PATIENCE)
                    .until(() -> "selected ffm: not available, using jnr".equals(binding().get("tuning.reason")));
            awaitWorkers("jnr");
            String info = tuningInfo();
            assertTrue(info, info.startsWith("Tuning provider: jnr "));
            assertTrue(info, info.contains("Selection:       provider = ffm (etc/io.v2e.tuning.cfg)"));
            assertTrue(info, info.contains("Binding reason:  selected ffm: not available, using jnr"));
        } else {
            await("ffm is published").atMost(V2e.PATIENCE)
                    .until(() -> "selected ffm".equals(binding().get("tuning.reason")));
            JsonNode workers = awaitWorkers("ffm");
            long pid = ProcessHandle.current().pid();
            for (JsonNode w : workers.path("workers")) {
                ThreadKernelState k = ThreadKernelState.of(pid, w.path("tid").asLong());
                assertEquals(w.toString(), w.path("cpu").asText(), k.cpus());
                assertTrue(w + " " + k, k.isTunedByDefaults());
            }
            assertTrue(tuningInfo().startsWith("Tuning provider: ffm "));
        }
    }

    @Test
    public void whenTheSelectedProviderRegistersLaterTheBrokerMovesToIt() throws Exception {
        Bundle jna = bundle("io.v2e.tuning.jna").orElseThrow();
        jna.stop();
        try {
            select("jna");
            await("the fallback is published").atMost(V2e.PATIENCE)
                    .until(() -> "selected jna: not available, using jnr".equals(binding().get("tuning.reason")));
            awaitWorkers("jnr");
            assertTrue(tuningInfo().contains("Binding reason:  selected jna: not available, using jnr"));
            jna.start(); // as if deployed later
            awaitWorkers("jna");
            assertEquals("selected jna", binding().get("tuning.reason"));
        } finally {
            if (jna.getState() != Bundle.ACTIVE) {
                jna.start();
            }
        }
    }

    @Test
    public void anUnknownSelectionIsRejectedAndThePreviousOneStays() throws Exception {
        select("jna");
        awaitWorkers("jna");
        select("jnx");
        await("the rejection is published").atMost(V2e.PATIENCE).until(() -> binding().get("tuning.rejected") != null);
        assertEquals("etc/io.v2e.tuning.cfg: provider must be one of auto | jnr | jna | ffm | noop, was 'jnx';"
                + " keeping 'jna'", binding().get("tuning.rejected"));
        assertEquals("jna", binding().get("tuning.using"));
        assertEquals("jna", workers().path("provider").asText());
        assertTrue(tuningInfo().contains("Rejected:        etc/io.v2e.tuning.cfg: provider must be one of"));
    }

    // ---------------------------------------------------------------- helpers

    private void select(String provider) throws IOException {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("provider", provider);
        configAdmin.getConfiguration("io.v2e.tuning", "?").update(p);
    }

    private Dictionary<String, Object> binding() {
        try {
            org.osgi.service.cm.Configuration[] c = configAdmin.listConfigurations("(service.pid=io.v2e.tuning.binding)");
            return c == null ? new Hashtable<>() : c[0].getProperties();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** tuning:info as text, through the command's service (its class is private to the shell bundle). */
    private String tuningInfo() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(&(osgi.command.scope=tuning)(osgi.command.function=info))");
        Object command = context.getService(refs[0]);
        try {
            Method info = command.getClass().getMethod("info", boolean.class);
            return (String) info.invoke(command, false);
        } finally {
            context.ungetService(refs[0]);
        }
    }

    private JsonNode workers() {
        return BrokerWorkers.read(broker);
    }

    private JsonNode awaitWorkers(String provider) throws Exception {
        return BrokerWorkers.awaitTunedBy(broker, provider);
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }
}
