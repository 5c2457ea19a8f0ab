package io.v2e.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;

class ProcThreadViewTest {

    @Test
    void niceIsCountedAfterTheLastParenthesisSoOddThreadNamesDoNotShiftFields() {
        String stat = "4242 (my (odd) thread) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 20 -7 1 0 100";
        assertEquals(Optional.of(-7), ProcThreadView.niceOf(stat));
    }

    @Test
    void truncatedStatHasNoNice() {
        assertEquals(Optional.empty(), ProcThreadView.niceOf("4242 (x) S 1 2"));
    }

    @Test
    void cpusAllowedListIsParsedFromStatus() {
        String status = "Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1,4\nMems_allowed_list:\t0\n";
        assertEquals(Optional.of(CpuSet.parse("0-1,4")), ProcThreadView.cpusAllowedOf(status));
    }

    @Test
    void onLinuxTheThreadViewNamesATaskOfThisProcessAndItsOwnStatusFile() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc/thread-self");
        ProcThreadView view = ProcThreadView.read();
        int tid = view.tid().orElseThrow();
        assertTrue(Files.isDirectory(Path.of("/proc/self/task/" + tid)), "tid " + tid + " is a task of this JVM");
        String status = Files.readString(Path.of("/proc/self/task/" + tid + "/status"));
        assertEquals(ProcThreadView.cpusAllowedOf(status), view.threadAffinity());
        assertEquals(ProcThreadView.niceOf(Files.readString(Path.of("/proc/self/task/" + tid + "/stat"))),
                view.threadNice());
    }
}
