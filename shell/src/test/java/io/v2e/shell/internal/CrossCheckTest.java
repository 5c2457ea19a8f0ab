package io.v2e.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;

/** The report shows where a provider's reading disagrees with /proc, instead of hiding it. */
class CrossCheckTest {

    /** Answers every read with a value /proc cannot have: tid 1 and affinity CPU 1023. */
    private static final class WrongReadings implements TuningProvider {
        public String name() { return "wrong"; }
        public Capabilities capabilities() { return Capabilities.noneSupported("test double", -1); }
        public CpuSet allowedCpus() { return CpuSet.of(1023); }
        public Reading<Integer> threadId() { return Reading.of(1); }
        public Outcome pinThread(CpuSet cpus) { return Outcome.unsupported("test double"); }
        public Reading<CpuSet> threadAffinity() { return Reading.of(CpuSet.of(1023)); }
        public Reading<Integer> currentCpu() { return Reading.of(1023); }
        public Outcome setThreadNice(int nice) { return Outcome.unsupported("test double"); }
        public Reading<Integer> threadNice() { return Reading.of(19); }
        public Outcome setThreadIoPriority(IoPriority p) { return Outcome.unsupported("test double"); }
        public Reading<IoPriority> threadIoPriority() { return Reading.of(new IoPriority(IoPriority.IoClass.IDLE, 0)); }
        public Outcome restoreThread() { return Outcome.applied(); }
        public Outcome adviseMemory(ByteBuffer b, long o, long l, MemoryAdvice a) { return Outcome.unsupported("x"); }
        public Outcome advisePageCache(Path f, long o, long l, PageCacheAdvice a) { return Outcome.unsupported("x"); }
    }

    @Test
    void disagreementWithProcIsFlaggedOnEveryCrossCheckedLine() {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc/thread-self");
        RankedProvider wrong = RankedProvider.of(Map.of("tuning.provider", "wrong", "service.ranking", 5,
                "service.id", 9L), new WrongReadings());
        String text = TuningReportText.render(TuningReport.take(List.of(wrong), id -> "b"));
        assertTrue(text.contains("Allowed CPUs:    1023  (MISMATCH: /proc/self/status Cpus_allowed_list says "), text);
        assertTrue(text.contains("tid           1  (MISMATCH: /proc/thread-self says "), text);
        assertTrue(text.contains("affinity      1023  (MISMATCH: /proc/thread-self/status Cpus_allowed_list says "),
                text);
        assertTrue(text.contains("call cost not measured"), text);
    }
}
