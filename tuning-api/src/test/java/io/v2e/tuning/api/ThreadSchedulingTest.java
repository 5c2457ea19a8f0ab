package io.v2e.tuning.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ThreadSchedulingTest {

    @Test
    void policiesCarryTheLinuxNumbers() {
        assertEquals(0, SchedulingPolicy.OTHER.linuxValue());
        assertEquals(1, SchedulingPolicy.FIFO.linuxValue());
        assertEquals(2, SchedulingPolicy.RR.linuxValue());
        assertEquals(3, SchedulingPolicy.BATCH.linuxValue());
        assertEquals(5, SchedulingPolicy.IDLE.linuxValue());
        assertTrue(SchedulingPolicy.FIFO.isRealTime());
        assertTrue(SchedulingPolicy.RR.isRealTime());
        assertFalse(SchedulingPolicy.BATCH.isRealTime());
    }

    @Test
    void linuxValueIgnoresTheResetOnForkFlag() {
        assertEquals(SchedulingPolicy.FIFO, SchedulingPolicy.ofLinuxValue(0x40000001));
        assertEquals(SchedulingPolicy.IDLE, SchedulingPolicy.ofLinuxValue(5));
        assertEquals("unknown scheduling policy number 6",
                assertThrows(IllegalArgumentException.class, () -> SchedulingPolicy.ofLinuxValue(6)).getMessage());
    }

    @Test
    void parseAcceptsConfigNamesAndNamesTheChoicesOnError() {
        assertEquals(SchedulingPolicy.FIFO, SchedulingPolicy.parse(" FIFO "));
        assertEquals(SchedulingPolicy.RR, SchedulingPolicy.parse("rr"));
        assertEquals(SchedulingPolicy.OTHER, SchedulingPolicy.parse("normal"));
        assertEquals(SchedulingPolicy.BATCH, SchedulingPolicy.parse("sched_batch"));
        assertEquals("unknown scheduling policy 'deadline' (expected other, fifo, rr, batch or idle)",
                assertThrows(IllegalArgumentException.class, () -> SchedulingPolicy.parse("deadline")).getMessage());
    }

    @Test
    void realTimePrioritiesMustBe1To99AndOthersZero() {
        assertEquals("fifo/1", new ThreadScheduling(SchedulingPolicy.FIFO, 1).toString());
        assertEquals("rr/99", new ThreadScheduling(SchedulingPolicy.RR, 99).toString());
        assertEquals("a fifo priority must be 1..99, was 0",
                assertThrows(IllegalArgumentException.class, () -> new ThreadScheduling(SchedulingPolicy.FIFO, 0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThreadScheduling(SchedulingPolicy.RR, 100));
        assertEquals("policy batch takes priority 0 (only fifo and rr take 1..99), was 5",
                assertThrows(IllegalArgumentException.class, () -> new ThreadScheduling(SchedulingPolicy.BATCH, 5))
                        .getMessage());
        assertEquals(new ThreadScheduling(SchedulingPolicy.OTHER, 0), ThreadScheduling.OTHER);
    }

    @Test
    void capabilitiesOfAVersion10ProviderReportSchedulingUnsupported() {
        Map<Operation, Capability> map = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            if (op != Operation.THREAD_SCHEDULING) {
                map.put(op, new Capability(op, true, true, ""));
            }
        }
        Capabilities caps = new Capabilities(map, 1);
        assertFalse(caps.supported(Operation.THREAD_SCHEDULING));
        assertTrue(caps.of(Operation.THREAD_SCHEDULING).detail().contains("1.1"), caps.of(Operation.THREAD_SCHEDULING)::toString);
        assertTrue(caps.permitted(Operation.THREAD_NICE));
    }

    @Test
    void providerWithoutTheOperationAnswersUnsupportedThroughTheDefaults() {
        TuningProvider old = version10Provider();
        Outcome set = old.setThreadScheduling(new ThreadScheduling(SchedulingPolicy.FIFO, 10));
        assertEquals(Outcome.Status.UNSUPPORTED, set.status());
        assertEquals("old provider has no scheduling-policy operation", set.detail());
        assertEquals(Outcome.Status.UNSUPPORTED, old.threadScheduling().outcome().status());
        assertThrows(NullPointerException.class, () -> old.setThreadScheduling(null));
    }

    /** Implements exactly the 1.0 methods, as a provider compiled against 1.0 does. */
    private static TuningProvider version10Provider() {
        return new TuningProvider() {
            @Override public String name() { return "old"; }
            @Override public Capabilities capabilities() { return Capabilities.noneSupported("old", 0); }
            @Override public CpuSet allowedCpus() { return CpuSet.of(0); }
            @Override public Reading<Integer> threadId() { return Reading.of(1); }
            @Override public Outcome pinThread(CpuSet cpus) { return Outcome.applied(); }
            @Override public Reading<CpuSet> threadAffinity() { return Reading.of(CpuSet.of(0)); }
            @Override public Reading<Integer> currentCpu() { return Reading.of(0); }
            @Override public Outcome setThreadNice(int nice) { return Outcome.applied(); }
            @Override public Reading<Integer> threadNice() { return Reading.of(0); }
            @Override public Outcome setThreadIoPriority(IoPriority priority) { return Outcome.applied(); }
            @Override public Reading<IoPriority> threadIoPriority() { return Reading.of(new IoPriority(IoPriority.IoClass.NONE, 0)); }
            @Override public Outcome restoreThread() { return Outcome.applied(); }
            @Override public Outcome adviseMemory(ByteBuffer b, long o, long l, MemoryAdvice a) { return Outcome.applied(); }
            @Override public Outcome advisePageCache(Path f, long o, long l, PageCacheAdvice a) { return Outcome.applied(); }
        };
    }
}
