package io.v2e.tuning.api.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProcThreadsTest {

    private static String read(String file) throws Exception {
        return Files.readString(Path.of(file));
    }

    /** Field 19 of a stat line, cut out here by hand (independently of ThreadStat). */
    private static int niceByHand(String stat) {
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    private static String cpusAllowedListByHand(String status) {
        return status.lines().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                .substring("Cpus_allowed_list:".length()).trim();
    }

    @Test
    void cpusAllowedListIsCutFromStatusText() {
        String status = "Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1,4\nMems_allowed_list:\t0\n";
        assertEquals(Optional.of("0-1,4"), ProcThreads.cpusAllowedListOf(status));
        assertEquals(Optional.empty(), ProcThreads.cpusAllowedListOf("Name:\tjava\n"));
    }

    @Test
    void theCurrentTidIsATaskOfThisProcess() {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc/thread-self");
        int tid = ProcThreads.currentTid().orElseThrow();
        assertTrue(Files.isDirectory(Path.of("/proc/self/task/" + tid)), "tid " + tid + " is a task of this JVM");
    }

    @Test
    void aThreadReadByTidShowsWhatItsOwnProcFilesSay() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc/thread-self");
        int tid = ProcThreads.currentTid().orElseThrow();
        String task = "/proc/self/task/" + tid + "/";
        assertEquals(niceByHand(read(task + "stat")), ProcThreads.stat(tid).orElseThrow().nice().orElseThrow());
        assertEquals(cpusAllowedListByHand(read(task + "status")), ProcThreads.cpusAllowedList(tid).orElseThrow());
        assertEquals(ProcThreads.cpusAllowedList(tid), ProcThreads.currentCpusAllowedList());
        assertEquals(ProcThreads.stat(tid).orElseThrow().policy(), ProcThreads.currentStat().orElseThrow().policy());
    }

    @Test
    void theProcessAffinityIsTheMainThreadsStatusLine() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        assertEquals(cpusAllowedListByHand(read("/proc/self/status")), ProcThreads.processCpusAllowedList().orElseThrow());
    }

    @Test
    void theProcessCpusAreTheMainThreadsAllowedSet() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        assertEquals(io.v2e.tuning.api.CpuSet.parse(cpusAllowedListByHand(read("/proc/self/status"))),
                ProcThreads.processCpus());
    }

    @Test
    void noThreadIdReadsNothing() {
        assertEquals(Optional.empty(), ProcThreads.stat(0));
        assertEquals(Optional.empty(), ProcThreads.cpusAllowedList(-1));
    }

    @Test
    void tasksOfAnotherProcessAreTheEntriesOfItsTaskFolder() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            int pid = (int) sleeper.pid();
            assertEquals(java.util.List.of(pid), ProcThreads.tasksOf(pid));
            String stat = read("/proc/" + pid + "/task/" + pid + "/stat");
            assertEquals(niceByHand(stat), ProcThreads.stat(pid, pid).orElseThrow().nice().orElseThrow());
            assertEquals(cpusAllowedListByHand(read("/proc/" + pid + "/task/" + pid + "/status")),
                    ProcThreads.cpusAllowedList(pid, pid).orElseThrow());
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void tasksOfAProcessThatIsGoneAreEmpty() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        int pid = (int) done.pid();
        assertEquals(java.util.List.of(), ProcThreads.tasksOf(pid));
        assertEquals(Optional.empty(), ProcThreads.stat(pid, pid));
        assertEquals(java.util.List.of(), ProcThreads.tasksOf(-1));
    }
}
