package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
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
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * The transport's I/O loops in Felix: the transport binds the TuningProvider through DS, its loops
 * are tuned with the shipped io_* defaults (read back from /proc by the test), answer
 * RPCGetTransportThreads, and follow the per-host selection (etc/io.v2e.tuning.cfg) to noop and back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportThreadsInContainerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        awaitLoops("jnr");
    }

    @Test
    public void loopsAreTunedByTheBoundProviderAndFollowTheHostSelectionToNoopAndBack() throws Exception {
        assumeTrue("the jnr provider is Linux only", Files.isDirectory(Path.of("/proc/self/task")));
        long pid = ProcessHandle.current().pid();
        ThreadKernelState untuned = ThreadKernelState.of(pid, pid); // the main thread, never tuned
        JsonNode report = awaitLoops("jnr");
        assertEquals(report.toString(), "-10", report.path("nice").asText());
        for (JsonNode l : report.path("loops")) {
            ThreadKernelState k = ThreadKernelState.of(pid, l.path("tid").asLong());
            assertEquals(l.toString(), untuned.cpus(), k.cpus()); // placement set: the whole allowed set
            if (l.path("nice").asText().equals("APPLIED")) {
                assertEquals(l.toString(), -10, k.nice());
            } else { // an unprivileged run: refused, reported, untouched
                assertTrue(l.toString(), l.path("nice").asText().startsWith("DENIED("));
                assertEquals(l.toString(), untuned.nice(), k.nice());
            }
            assertEquals(l.toString(), k.nice(), l.path("proc_nice").asInt());
        }
        select("noop");
        for (JsonNode l : awaitLoops("noop").path("loops")) {
            ThreadKernelState k = ThreadKernelState.of(pid, l.path("tid").asLong());
            assertEquals(l.toString(), untuned.cpus(), k.cpus());
            assertEquals(l.toString(), untuned.nice(), k.nice());
            assertEquals(l.toString(), untuned.ionice(), k.ionice());
        }
        select("auto");
        for (JsonNode l : awaitLoops("jnr").path("loops")) {
            assertEquals(l.toString(), "jnr", l.path("provider").asText());
        }
    }

    private void select(String provider) throws Exception {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("provider", provider);
        configAdmin.getConfiguration("io.v2e.tuning", "?").update(p);
    }

    /** RPCGetTransportThreads once every loop runs {@code provider}'s plan. */
    private JsonNode awaitLoops(String provider) {
        JsonNode[] last = new JsonNode[1];
        await("every transport loop on " + provider).atMost(V2e.PATIENCE).until(() -> {
            Message m = broker.request(Message.request("it", "transport", "RPCGetTransportThreads", "{}", null))
                    .get(30, TimeUnit.SECONDS);
            if (m.type() != MessageType.RESPONSE) {
                return false;
            }
            JsonNode n = JSON.readTree(m.payload());
            last[0] = n;
            boolean ok = n.path("provider").asText().equals(provider) && n.path("loops").size() > 0;
            for (JsonNode l : n.path("loops")) {
                ok &= l.path("tuning_current").asBoolean() && l.path("provider").asText().equals(provider);
            }
            return ok;
        });
        return last[0];
    }
}
