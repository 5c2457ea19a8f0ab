package io.v2e.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.BooleanSupplier;

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
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        ProcessState untuned = ProcessState.read();
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
                    WorkerKernelState k = WorkerKernelState.read(w.path("tid").asInt());
                    if (expected.equals("noop")) {
                        assertEquals(w.toString(), untuned.cpus, k.cpus);
                        assertEquals(w.toString(), untuned.nice, k.nice);
                        assertEquals(w.toString(), untuned.ionice, k.ionice);
                    } else {
                        assertEquals(w.toString(), w.path("cpu").asText(), k.cpus);
                        assertEquals(w.toString(), -10, k.nice);
                        assertEquals(w.toString(), "realtime: prio 0", k.ionice);
                    }
                }
                await("messages keep flowing on " + expected, () -> checker.count.get() > before + 1000);
                log.add(selection + ": " + workers.path("workers").size() + " workers on " + expected
                        + ", delivered " + before + " -> " + checker.count.get());
            }
            stop.set(true);
            producer.join(TimeUnit.MINUTES.toMillis(1));
            await("all " + sent.get() + " delivered", () -> checker.count.get() == sent.get());
            assertEquals(null, producerFault.get());
            assertEquals(List.of(), checker.faults);
            System.out.println("[selection] " + log + ", " + sent.get() + " messages in order");
        } finally {
            stop.set(true);
            reg.unregister();
        }
    }

    @Test
    public void selectingAProviderThatIsNotAvailableRunsOnTheBestAndSaysSo() throws Exception {
        boolean ffmBuilt = bundle("io.v2e.tuning.ffm").isPresent();
        assumeTrue("ffm is part of this distribution (built on JDK 22+)", !ffmBuilt);
        select("ffm");
        await("the fallback is published", () -> "selected ffm: not available, using jnr".equals(binding().get("tuning.reason")));
        awaitWorkers("jnr");
        String info = tuningInfo();
        assertTrue(info, info.startsWith("Tuning provider: jnr "));
        assertTrue(info, info.contains("Selection:       provider = ffm (etc/io.v2e.tuning.cfg)"));
        assertTrue(info, info.contains("Binding reason:  selected ffm: not available, using jnr"));
    }

    @Test
    public void whenTheSelectedProviderRegistersLaterTheBrokerMovesToIt() throws Exception {
        Bundle jna = bundle("io.v2e.tuning.jna").orElseThrow();
        jna.stop();
        try {
            select("jna");
            await("the fallback is published", () -> "selected jna: not available, using jnr".equals(binding().get("tuning.reason")));
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
        await("the rejection is published", () -> binding().get("tuning.rejected") != null);
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

    private JsonNode workers() throws Exception {
        Message m = broker.request(Message.request("it", Broker.BROKER_TARGET, "RPCGetWorkers", "{}", "c-w"), 10_000)
                .get(15, TimeUnit.SECONDS);
        return JSON.readTree(m.payload());
    }

    /** RPCGetWorkers once every worker applied the given provider (and a real one pinned it to one CPU). */
    private JsonNode awaitWorkers(String provider) throws Exception {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("workers tuned by " + provider + " (last: " + last + ")", () -> {
            JsonNode w;
            try {
                w = workers();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            last.set(w);
            if (!provider.equals(w.path("provider").asText()) || w.path("workers").size() == 0) {
                return false;
            }
            for (JsonNode worker : w.path("workers")) {
                if (!worker.path("tuning_current").asBoolean() || !provider.equals(worker.path("provider").asText())) {
                    return false;
                }
                if (!provider.equals("noop") && !"APPLIED".equals(worker.path("outcomes").path("affinity").asText())) {
                    return false;
                }
            }
            return true;
        });
        return last.get();
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The untuned state: the process's CPUs, the main thread's nice and I/O priority. */
    private record ProcessState(String cpus, int nice, String ionice) {
        static ProcessState read() throws Exception {
            long pid = ProcessHandle.current().pid();
            WorkerKernelState main = WorkerKernelState.read((int) pid);
            return new ProcessState(main.cpus, main.nice, main.ionice);
        }
    }

    /** One thread's state read from /proc and ionice(1), independently of broker and providers. */
    private record WorkerKernelState(String cpus, int nice, String ionice) {
        static WorkerKernelState read(int tid) throws Exception {
            Path task = Path.of("/proc/self/task/" + tid);
            String cpus = Files.readAllLines(task.resolve("status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                    .substring("Cpus_allowed_list:".length()).trim();
            String stat = Files.readString(task.resolve("stat"));
            int nice = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
            Process p = new ProcessBuilder("ionice", "-p", Integer.toString(tid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals("ionice -p " + tid + ": " + out, 0, p.waitFor());
            return new WorkerKernelState(cpus, nice, out);
        }
    }
}
