package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

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
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.SendResult;

/**
 * The broker bundle inside Felix with the distribution's bundles: endpoints deployed and removed
 * at runtime, and the jnr provider bundle stopped and started while 100k messages flow.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokerInContainerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** At least this many messages flow; the producer goes on until both swaps are done. */
    private static final int MESSAGES = 100_000;
    /** Bound on the producer, should a swap hang (the block policy bounds the queues anyway). */
    private static final int MAX_MESSAGES = 50_000_000;

    @Inject
    private BundleContext context;

    @Inject
    private Broker broker;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    @Test
    public void endpointBundleInstalledAtRuntimeIsReachableAndUninstalledIsUnknown() throws Exception {
        Path jar = Path.of(System.getProperty("v2e.endpoint.probe.jar"));
        Bundle probe = context.installBundle(jar.toUri().toString());
        probe.start();
        Message answer = awaitAnswer("probe-echo reachable", "probe-echo", "[1,2]", MessageType.RESPONSE);
        assertEquals("{\"echo\":[1,2],\"bundle\":\"probe\"}", answer.payload());
        assertEquals("c-probe-echo", answer.correlationId());
        probe.uninstall();
        Message gone = request("probe-echo", "[3]");
        assertEquals(MessageType.ERROR, gone.type());
        assertEquals("unknown target 'probe-echo'", gone.error());
    }

    @Test
    public void stoppingAndStartingJnrWhileMessagesFlowLosesNoneReordersNoneAndWorkersFollow() throws Exception {
        Bundle jnr = bundle("io.v2e.tuning.jnr");
        Bundle jna = bundle("io.v2e.tuning.jna");
        Bundle ffm = Arrays.stream(context.getBundles()).filter(b -> "io.v2e.tuning.ffm".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        JsonNode tuned = awaitWorkers("jnr");
        CpuPinning pinned = CpuPinning.of(tuned);
        String processCpus = statusField(Path.of("/proc/self/status"), "Cpus_allowed_list");
        int processNice = niceOf(Path.of("/proc/self/stat"));

        SequenceChecker checker = new SequenceChecker();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, "it-seq");
        ServiceRegistration<Endpoint> reg = context.registerService(Endpoint.class, checker, props);
        AtomicReference<String> producerFault = new AtomicReference<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean keepSending = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            // Sending until the test says stop (not a fixed count) keeps messages flowing through
            // both swaps however fast this JVM routes them.
            for (int i = 0; i < MAX_MESSAGES && (i < MESSAGES || keepSending.get()); i++) {
                SendResult r = broker.send(Message.event("it", "it-seq", "seq", Integer.toString(i)));
                if (r != SendResult.ACCEPTED) {
                    producerFault.compareAndSet(null, "message " + i + ": " + r);
                }
                sent.incrementAndGet();
            }
        }, "it-producer");
        try {
            producer.start();
            await("flow under way").atMost(V2e.PATIENCE).until(() -> checker.count.get() > MESSAGES / 10);
            jnr.stop(); // DS unbinds jnr from the broker; its workers restore their threads first
            int atStop = checker.count.get();
            if (ffm != null) {
                ffm.stop(); // the next best (distribution built on JDK 22+)
            }
            jna.stop(); // the next best, so the workers end untuned on noop
            JsonNode untuned = awaitWorkers("noop");
            for (JsonNode w : untuned.path("workers")) {
                assertEquals(w.toString(), processCpus, w.path("proc").path("cpus_allowed_list").asText());
                assertEquals(w.toString(), processNice, w.path("proc").path("nice").asInt());
            }
            jna.start();
            if (ffm != null) {
                ffm.start();
            }
            jnr.start();
            JsonNode retuned = awaitWorkers("jnr");
            assertEquals(pinned, CpuPinning.of(retuned));
            int atRetune = checker.count.get();
            keepSending.set(false);
            producer.join(TimeUnit.MINUTES.toMillis(2));
            int total = sent.get();
            await("all " + total + " delivered").atMost(V2e.PATIENCE).until(() -> checker.count.get() == total);
            assertEquals(null, producerFault.get());
            assertEquals(List.of(), checker.faults);
            assertTrue("messages flowed across both swaps (" + atStop + " at the jnr stop, " + atRetune
                    + " at the retune, " + total + " in all)", atStop < atRetune && atRetune <= total);
        } finally {
            reg.unregister();
            for (Bundle b : Arrays.asList(jna, ffm)) {
                if (b != null && b.getState() != Bundle.ACTIVE) {
                    b.start();
                }
            }
            if (jnr.getState() != Bundle.ACTIVE) {
                jnr.start();
            }
        }
    }

    @Test
    public void badConfigurationIsRefusedAndTheBrokerKeepsThePreviousOneThenAGoodOneApplies() throws Exception {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin cm = context.getService(ref);
        org.osgi.service.cm.Configuration config = cm.getConfiguration("io.v2e.broker", "?");
        try {
            Dictionary<String, Object> good = new Hashtable<>();
            good.put("queue_capacity", "128");
            good.put("offer_policy", "drop");
            config.update(good);
            await("queue_capacity 128 applied").atMost(V2e.PATIENCE)
                    .until(() -> workersConfig().path("queue_capacity").asInt() == 128);

            Dictionary<String, Object> bad = new Hashtable<>();
            bad.put("queue_capacity", "256");
            bad.put("offer_policy", "sometimes");
            config.update(bad);
            await("rejection reported").atMost(V2e.PATIENCE).until(() -> workersConfig().path("last_rejection").asText()
                    .equals("offer_policy 'sometimes' is unknown (expected block, drop, drop_oldest or timeout)"));
            assertEquals(128, workersConfig().path("queue_capacity").asInt());
            assertEquals("drop", workersConfig().path("offer_policy").asText());

            Dictionary<String, Object> notANumber = new Hashtable<>();
            notANumber.put("nice", "abc");
            config.update(notANumber);
            await("type error reported").atMost(V2e.PATIENCE)
                    .until(() -> workersConfig().path("last_rejection").asText()
                    .equals("nice must be a whole number, was 'abc'"));
            assertEquals(128, workersConfig().path("queue_capacity").asInt());
            assertEquals(MessageType.RESPONSE, request(Broker.BROKER_TARGET, "{}", "RPCGetMessageCount").type());
        } finally {
            config.delete();
            context.ungetService(ref);
        }
        await("defaults back").atMost(V2e.PATIENCE).until(() -> workersConfig().path("queue_capacity").asInt() == 65536
                && workersConfig().path("last_rejection").isNull());
    }

    @Test
    public void workerSchedulingFifoFromConfigurationReachesTheKernelAndTheDefaultUndoesIt() throws Exception {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin cm = context.getService(ref);
        org.osgi.service.cm.Configuration config = cm.getConfiguration("io.v2e.broker", "?");
        try {
            Dictionary<String, Object> busyFifo = new Hashtable<>();
            busyFifo.put("worker_scheduling", "fifo");
            busyFifo.put("idle_strategy", "backoff"); // a busy-polling strategy under RT: refused
            config.update(busyFifo);
            await("fifo with backoff refused").atMost(V2e.PATIENCE)
                    .until(() -> workersConfig().path("last_rejection").asText()
                    .startsWith("worker_scheduling=fifo needs idle_strategy=wake or park, was backoff"));
            assertEquals("other", workersConfig().path("worker_scheduling").asText());

            Dictionary<String, Object> fifo = new Hashtable<>();
            fifo.put("worker_scheduling", "fifo");
            fifo.put("worker_rt_priority", "12");
            fifo.put("idle_strategy", "park");
            config.update(fifo);
            await("fifo applied by every worker").atMost(V2e.PATIENCE).until(() -> {
                JsonNode w = json(request(Broker.BROKER_TARGET, "{}", "RPCGetWorkers"));
                if (!"fifo".equals(w.path("config").path("worker_scheduling").asText())) {
                    return false;
                }
                for (JsonNode worker : w.path("workers")) {
                    if (!worker.path("tuning_current").asBoolean()) {
                        return false;
                    }
                }
                return true;
            });
            for (JsonNode w : json(request(Broker.BROKER_TARGET, "{}", "RPCGetWorkers")).path("workers")) {
                String outcome = w.path("outcomes").path("scheduling").asText();
                if (outcome.equals("APPLIED")) {
                    assertEquals(w.toString(), 1, schedPolicyOf(w.path("tid").asInt()));
                    assertEquals(w.toString(), "fifo", w.path("proc").path("policy").asText());
                    assertEquals(w.toString(), 12, w.path("proc").path("rt_priority").asInt());
                } else {
                    // without CAP_SYS_NICE the kernel refuses and the worker stays on the normal policy
                    assertTrue(w.toString(), outcome.startsWith("DENIED(EPERM"));
                    assertEquals(w.toString(), 0, schedPolicyOf(w.path("tid").asInt()));
                }
            }
        } finally {
            config.delete();
            context.ungetService(ref);
        }
        // the idle strategy goes back to the default (wake) too, so new workers replace the fifo ones
        await("default scheduling back on every worker").atMost(V2e.PATIENCE).until(() -> {
            JsonNode w = json(request(Broker.BROKER_TARGET, "{}", "RPCGetWorkers"));
            if (!"wake".equals(w.path("config").path("idle_strategy").asText())) {
                return false;
            }
            for (JsonNode worker : w.path("workers")) {
                if (!worker.path("tuning_current").asBoolean() || schedPolicyOf(worker.path("tid").asInt()) != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Field 41 (policy) of /proc/self/task/TID/stat, read here, not by the broker; -1 for a thread gone. */
    private static int schedPolicyOf(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[41 - 3]);
        } catch (java.nio.file.NoSuchFileException e) {
            return -1; // a worker replaced since the listing (the idle strategy changed)
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode workersConfig() {
        return json(request(Broker.BROKER_TARGET, "{}", "RPCGetWorkers")).path("config");
    }

    /** Checks that payloads 0,1,2,... arrive in order. Called by one worker at a time. */
    static final class SequenceChecker implements Endpoint {
        final AtomicInteger count = new AtomicInteger();
        final List<String> faults = new ArrayList<>();
        private int next;

        @Override
        public String handle(Message message) {
            int seq = Integer.parseInt(message.payload());
            if (seq != next && faults.size() < 10) {
                faults.add("expected " + next + ", got " + seq);
            }
            next = seq + 1;
            count.incrementAndGet();
            return null;
        }
    }

    /** Each worker's pinned CPU as /proc shows it, for comparing two read-backs. */
    record CpuPinning(List<String> cpus) {
        static CpuPinning of(JsonNode workers) {
            List<String> cpus = new ArrayList<>();
            for (JsonNode w : workers.path("workers")) {
                cpus.add(w.path("proc").path("cpus_allowed_list").asText());
            }
            return new CpuPinning(cpus);
        }
    }

    private JsonNode awaitWorkers(String provider) throws Exception {
        return BrokerWorkers.awaitTunedBy(broker, provider);
    }

    private Message awaitAnswer(String what, String target, String payload, MessageType type) throws Exception {
        return await(what).atMost(V2e.PATIENCE).until(() -> request(target, payload), m -> m.type() == type);
    }

    private Message request(String target, String payload) {
        return request(target, payload, "RPCEcho");
    }

    private Message request(String target, String payload, String method) {
        try {
            return broker.request(Message.request("it", target, method, payload, "c-" + target), 10_000)
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(Message m) {
        try {
            return JSON.readTree(m.payload());
        } catch (Exception e) {
            throw new IllegalStateException(m.toString(), e);
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static String statusField(Path file, String key) throws Exception {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError(key + " not in " + file);
    }

    private static int niceOf(Path stat) throws Exception {
        String s = Files.readString(stat);
        return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
