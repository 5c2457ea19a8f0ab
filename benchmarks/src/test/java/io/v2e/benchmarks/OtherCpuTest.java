package io.v2e.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtherCpuTest {

    @Test
    void othersAreMachineBusyTimeMinusThisProcessAndItsChildren() {
        // 2 CPUs, 1000 jiffies of wall time each (2000 total): the machine was busy 1500, this process 1000.
        OtherCpu.Sample start = new OtherCpu.Sample(10_000, 50_000, 2, 3_000);
        OtherCpu.Sample end = new OtherCpu.Sample(11_500, 52_000, 2, 4_000);
        assertEquals(0.5, OtherCpu.othersCpus(start, end), 1e-9);
    }

    @Test
    void aProcessThatUsedEveryBusyJiffyLeavesNothingToOthers() {
        OtherCpu.Sample start = new OtherCpu.Sample(0, 0, 2, 0);
        OtherCpu.Sample end = new OtherCpu.Sample(2_000, 2_000, 2, 2_000);
        assertEquals(0.0, OtherCpu.othersCpus(start, end));
    }

    @Test
    void noElapsedTimeIsUnknownNotZero() {
        OtherCpu.Sample s = new OtherCpu.Sample(5, 10, 2, 1);
        assertTrue(Double.isNaN(OtherCpu.othersCpus(s, s)));
        assertTrue(Double.isNaN(OtherCpu.othersCpus(null, s)));
    }

    @Test
    void sampleReadsThisMachinesProcStatAndThisProcess() {
        OtherCpu.Sample s = OtherCpu.sample();
        assertNotNull(s, "/proc/stat and /proc/self/stat readable on Linux");
        assertTrue(Runtime.getRuntime().availableProcessors() <= s.cpus(), "online CPUs >= CPUs this JVM may use");
        assertTrue(s.total() > s.busy() && s.busy() > 0, s.toString());
        assertTrue(s.self() > 0, "this JVM has used CPU time: " + s);
    }
}
