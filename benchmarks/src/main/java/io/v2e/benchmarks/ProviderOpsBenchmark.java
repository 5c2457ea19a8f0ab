package io.v2e.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;

/**
 * One call of each provider operation, per provider. Every operation acts on the benchmark
 * thread itself and leaves its state as it was (same nice, same affinity), so the calls are
 * repeatable; each result is returned so JMH consumes it. ffm is added by run.sh on JDK 22+.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProviderOpsBenchmark {

    @Param({"jnr", "jna", "noop"})
    public String provider;

    private TuningProvider p;
    private int nice;
    private CpuSet affinity;
    private ByteBuffer buffer;

    @Setup
    public void setUp() {
        p = Providers.create(provider);
        Reading<Integer> n = p.threadNice();
        nice = n.isPresent() ? n.get() : 0;
        Reading<CpuSet> a = p.threadAffinity();
        affinity = a.isPresent() ? a.get() : p.allowedCpus();
        buffer = ByteBuffer.allocateDirect(16 * 1024);
    }

    @TearDown
    public void tearDown() {
        p.restoreThread();
    }

    @Benchmark
    public Reading<Integer> threadNice() {
        return p.threadNice();
    }

    @Benchmark
    public Outcome setThreadNiceSameValue() {
        return p.setThreadNice(nice);
    }

    @Benchmark
    public Outcome pinThreadToCurrentAffinity() {
        return p.pinThread(affinity);
    }

    @Benchmark
    public Object threadIoPriority() {
        return p.threadIoPriority();
    }

    @Benchmark
    public Reading<Integer> currentCpu() {
        return p.currentCpu();
    }

    @Benchmark
    public Outcome adviseMemoryNormal() {
        return p.adviseMemory(buffer, 0, 4096, MemoryAdvice.NORMAL);
    }
}
