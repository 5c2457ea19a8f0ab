package io.v2e.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.process.api.ProcessList;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.testkit.KernelReader;

/** A service's tuning reaches every thread of its process, checked in /proc (and with ionice). */
class ServiceTuningTest {

    private final JnrTuningProvider jnr = new JnrTuningProvider();
    private final Fixture f = new Fixture(jnr);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void everyThreadOfTheChildRunsWithTheConfiguredCpusNiceIoAndPolicy() throws Exception {
        CpuSet last = CpuSet.of(jnr.allowedCpus().last());
        Map<String, Object> p = Fixture.service("threads 3");
        p.put("cpus", last.toString());
        p.put("nice", "7");
        p.put("io_class", "best_effort");
        p.put("io_level", "6");
        p.put("scheduling", "batch");
        f.supervisor.configure("tuned", p);
        int pid = f.awaitRunning("tuned");
        // A thread the service starts after the tuning (python starts the 3 before its first answer) is also covered:
        // ask it for its threads over the link, i.e. after the link and the tuning were set up.
        String threads = f.request("tuned", "threads", "{}").payload();
        List<Integer> tids = io.v2e.tuning.api.proc.ProcThreads.tasksOf(pid);
        assertEquals(4, tids.size(), threads);
        for (int tid : tids) {
            assertEquals(last, KernelReader.taskAllowedCpus(pid, tid), "cpus of thread " + tid);
            assertEquals(7, KernelReader.taskStatField(pid, tid, 19), "nice of thread " + tid);
            assertEquals(3, KernelReader.taskStatField(pid, tid, 41), "policy (3 = batch) of thread " + tid);
            assertEquals(new IoPriority(IoPriority.IoClass.BEST_EFFORT, 6), KernelReader.ioPriority(tid), "io of " + tid);
        }
        ProcessList.Entry e = f.supervisor.list().processes().get(0);
        assertEquals(Map.of("cpus " + last, "APPLIED", "nice 7", "APPLIED", "io best_effort/6", "APPLIED",
                "scheduling batch/0", "APPLIED"), e.tuning());
        assertEquals(new ProcessList.Proc(4, List.of(last.toString()), List.of(7), List.of("batch"),
                List.of("best_effort/6")), e.proc());
    }

    @Test
    void theServicesReaderAndWriterThreadsAreTunedThroughTheProvider() throws Exception {
        Map<String, Object> p = Fixture.service("");
        p.put("io_threads_nice", "3");
        f.supervisor.configure("iothreads", p);
        f.awaitRunning("iothreads");
        f.request("iothreads", "echo", "{}");
        Map<String, String> io = f.supervisor.list().processes().get(0).ioThreads();
        assertEquals(Map.of("reader.nice 3", "APPLIED", "writer.nice 3", "APPLIED"), io);
        boolean found = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("v2e-process-iothreads-reader")) {
                found = true;
            }
        }
        assertTrue(found, "the reader thread runs under its name");
    }
}
