package io.v2e.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.client.V2eClient;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.noop.internal.NoopTuningProvider;
import io.v2e.tuning.testkit.KernelReader;

/**
 * The I/O loops tuned by the real jnr provider, checked from outside it (/proc/self/task/TID and
 * {@code ionice -p TID}, read by the testkit): they equal the configuration, follow a swap to noop
 * and back, and are restored at stop.
 */
class LoopTuningTest {

    private static final long PATIENCE_NANOS = 10_000_000_000L;

    @TempDir
    Path dir;
    private final JnrTuningProvider jnr = new JnrTuningProvider();
    private final NoopTuningProvider noop = new NoopTuningProvider();
    private EmbeddedBroker broker;
    private Transport transport;

    /** What the loops are asked for: a raised priority when permitted, else what any process may set. */
    private final boolean privileged = jnr.capabilities().permitted(Operation.THREAD_NICE)
            && jnr.capabilities().permitted(Operation.IO_PRIORITY);
    private final int nice = privileged ? -7 : 6;
    private final IoPriority io = privileged ? new IoPriority(IoPriority.IoClass.REALTIME, 1)
            : new IoPriority(IoPriority.IoClass.BEST_EFFORT, 6);
    /** batch needs no privilege to set or to leave again. */
    private final ThreadScheduling batch = new ThreadScheduling(SchedulingPolicy.BATCH, 0);

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Transport start(LoopSettings.Placement placement, int threads) {
        broker = TransportFixture.startBroker();
        TransportSettings s = TransportSettings.defaults(dir.resolve("v2e.sock"))
                .withIo(new LoopSettings(threads, CpuSet.empty(), placement, nice, io, batch));
        transport = new Transport(broker, TransportFixture.registrar(broker), s, jnr);
        transport.start();
        assertTrue(transport.awaitPlanApplied(PATIENCE_NANOS), "every loop applied the plan");
        return transport;
    }

    @Test
    void loopsReadBackFromProcEqualTheConfiguration() {
        CpuSet allowed = KernelReader.processAllowedCpus();
        start(LoopSettings.Placement.cpu, 2);
        List<IoLoop> loops = transport.loops();
        assertEquals(2, loops.size());
        for (IoLoop l : loops) {
            assertEquals(CpuSet.of(allowed.get(l.index % allowed.size())), KernelReader.threadAllowedCpus(l.tid()),
                    l.getName());
            assertEquals(nice, KernelReader.threadNice(l.tid()), l.getName());
            assertEquals(io, KernelReader.ioPriority(l.tid()), l.getName());
            assertEquals(SchedulingPolicy.BATCH.linuxValue(), KernelReader.threadSchedPolicy(l.tid()), l.getName());
            assertEquals("APPLIED", l.report().affinity().toString());
            assertEquals("APPLIED", l.report().nice().toString());
            assertEquals("APPLIED", l.report().ioPriority().toString());
            assertEquals("APPLIED", l.report().scheduling().toString());
        }
    }

    @Test
    void setPlacementLetsEveryLoopRunOnTheWholeWorkingSet() {
        CpuSet allowed = KernelReader.processAllowedCpus();
        start(LoopSettings.Placement.set, 2);
        for (IoLoop l : transport.loops()) {
            assertEquals(allowed, KernelReader.threadAllowedCpus(l.tid()), l.getName());
            assertEquals(nice, KernelReader.threadNice(l.tid()), l.getName());
        }
    }

    @Test
    void aSwapToNoopRestoresTheLoopsAndASwapBackTunesThemAgain() throws Exception {
        int me = KernelReader.currentTid();
        CpuSet startCpus = KernelReader.threadAllowedCpus(me);
        int startNice = KernelReader.threadNice(me);
        IoPriority startIo = KernelReader.ioPriority(me);
        int startPolicy = KernelReader.threadSchedPolicy(me);
        CpuSet allowed = KernelReader.processAllowedCpus();
        start(LoopSettings.Placement.cpu, 2);
        broker.register("echo", TransportFixture.echo());
        try (V2eClient c = V2eClient.connect(dir.resolve("v2e.sock"))) {
            assertEquals("1", c.request("echo", "M", "1", Duration.ofSeconds(20)).payload());
            transport.providerBound(noop);
            transport.providerUnbound(jnr); // returns once every loop ran jnr's restore on itself
            for (IoLoop l : transport.loops()) {
                assertEquals(startCpus, KernelReader.threadAllowedCpus(l.tid()), l.getName() + " affinity after noop");
                assertEquals(startNice, KernelReader.threadNice(l.tid()), l.getName() + " nice after noop");
                assertEquals(startIo, KernelReader.ioPriority(l.tid()), l.getName() + " I/O priority after noop");
                assertEquals(startPolicy, KernelReader.threadSchedPolicy(l.tid()), l.getName() + " policy after noop");
                assertEquals("noop", l.report().provider());
                assertEquals("APPLIED", l.report().restore().toString());
            }
            assertEquals("2", c.request("echo", "M", "2", Duration.ofSeconds(20)).payload(), "served through the swap");

            transport.providerBound(jnr);
            assertTrue(transport.awaitPlanApplied(PATIENCE_NANOS));
            for (IoLoop l : transport.loops()) {
                assertEquals(CpuSet.of(allowed.get(l.index % allowed.size())), KernelReader.threadAllowedCpus(l.tid()));
                assertEquals(nice, KernelReader.threadNice(l.tid()), l.getName());
                assertEquals(SchedulingPolicy.BATCH.linuxValue(), KernelReader.threadSchedPolicy(l.tid()));
            }
            assertEquals("3", c.request("echo", "M", "3", Duration.ofSeconds(20)).payload());
        }
    }

    @Test
    void stopRestoresEveryLoopBeforeItExits() {
        int me = KernelReader.currentTid();
        String startCpus = KernelReader.threadAllowedCpus(me).toString();
        int startNice = KernelReader.threadNice(me);
        int startPolicy = KernelReader.threadSchedPolicy(me);
        start(LoopSettings.Placement.cpu, 2);
        List<IoLoop> loops = transport.loops();
        transport.stop();
        for (IoLoop l : loops) {
            assertTrue(!l.isAlive(), l.getName() + " exited");
            assertEquals("APPLIED", l.finalRestore().toString(), l.getName());
            // read by the loop itself from /proc/thread-self right after the restore
            assertEquals(startCpus, CpuSet.parse(l.restoredProc().cpusAllowedList()).toString(), l.getName());
            assertEquals(startNice, l.restoredProc().nice(), l.getName());
            assertEquals(startPolicy, l.restoredProc().policy(), l.getName());
        }
        transport = null;
    }

    @Test
    void theThreadsRpcAnswersEachLoopsOutcomesAndProcReadBack() throws Exception {
        start(LoopSettings.Placement.cpu, 2);
        broker.register(TransportRpc.NAME, new TransportRpc(transport::threads, () -> TransportStats.json(transport)));
        try (V2eClient c = V2eClient.connect(dir.resolve("v2e.sock"))) {
            String json = c.request(TransportRpc.NAME, TransportRpc.GET_THREADS, "{}", Duration.ofSeconds(20)).payload();
            JsonNode report = new ObjectMapper().readTree(json);
            assertEquals("jnr", report.get("provider").asText());
            assertEquals(2, report.get("loops").size());
            for (JsonNode l : report.get("loops")) {
                int tid = l.get("tid").asInt();
                assertEquals("APPLIED", l.get("nice").asText());
                assertEquals(KernelReader.threadNice(tid), l.get("proc_nice").asInt());
                assertEquals("batch", l.get("proc_policy").asText());
                assertEquals(KernelReader.threadAllowedCpus(tid).toString(), l.get("proc_cpus").asText());
            }
            assertEquals(1, report.get("loops").get(0).get("connections").asInt() + report.get("loops").get(1)
                    .get("connections").asInt(), "the one client's connection is on one loop");
        }
        assertTrue(transport.threads().toText().contains("/proc:     Cpus_allowed_list"));
    }
}
