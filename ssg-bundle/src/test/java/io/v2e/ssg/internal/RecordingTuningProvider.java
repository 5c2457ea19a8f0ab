package io.v2e.ssg.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;

/** Records the memory and page-cache hints it is given (and the buffers), answering APPLIED. */
final class RecordingTuningProvider implements TuningProvider {

    record Call(MemoryAdvice advice, boolean direct, boolean readOnly, long offset, long length, int capacity) {
    }

    // synchronized: ssg:import's workers parse (and advise) concurrently
    final List<Call> memoryCalls = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<PageCacheAdvice> pageCacheCalls = java.util.Collections.synchronizedList(new ArrayList<>());
    /** "thread-name cpus" per pinThread call. */
    final List<String> pins = java.util.Collections.synchronizedList(new ArrayList<>());

    List<String> pinsOn(String threadPrefix) {
        synchronized (pins) {
            return pins.stream().filter(p -> p.startsWith(threadPrefix)).toList();
        }
    }

    @Override
    public Outcome adviseMemory(ByteBuffer buffer, long offset, long length, MemoryAdvice advice) {
        memoryCalls.add(new Call(advice, buffer.isDirect(), buffer.isReadOnly(), offset, length, buffer.capacity()));
        return Outcome.applied();
    }

    @Override
    public Outcome advisePageCache(Path file, long offset, long length, PageCacheAdvice advice) {
        pageCacheCalls.add(advice);
        return Outcome.applied();
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Capabilities capabilities() {
        return Fixtures.NOOP.capabilities();
    }

    @Override
    public CpuSet allowedCpus() {
        return Fixtures.NOOP.allowedCpus();
    }

    @Override
    public Reading<Integer> threadId() {
        return Fixtures.NOOP.threadId();
    }

    @Override
    public Outcome pinThread(CpuSet cpus) {
        pins.add(Thread.currentThread().getName() + " " + cpus);
        return pinOutcome;
    }

    /** What pinThread answers (a test may make the kernel refuse). */
    volatile Outcome pinOutcome = Outcome.applied();

    @Override
    public Reading<CpuSet> threadAffinity() {
        return Fixtures.NOOP.threadAffinity();
    }

    @Override
    public Reading<Integer> currentCpu() {
        return Fixtures.NOOP.currentCpu();
    }

    @Override
    public Outcome setThreadNice(int nice) {
        return Fixtures.NOOP.setThreadNice(nice);
    }

    @Override
    public Reading<Integer> threadNice() {
        return Fixtures.NOOP.threadNice();
    }

    @Override
    public Outcome setThreadIoPriority(IoPriority priority) {
        return Fixtures.NOOP.setThreadIoPriority(priority);
    }

    @Override
    public Reading<IoPriority> threadIoPriority() {
        return Fixtures.NOOP.threadIoPriority();
    }

    @Override
    public Outcome restoreThread() {
        return Fixtures.NOOP.restoreThread();
    }
}
