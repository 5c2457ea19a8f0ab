package io.v2e.broker.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * A fake provider that changes no kernel state but remembers, per calling thread, what it was
 * asked to set, and logs every call as "threadName:operation". Nice can be made to answer DENIED.
 */
final class RecordingProvider implements TuningProvider {

    private final String name;
    private final CpuSet allowed;
    private final Outcome niceOutcome;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, CpuSet> pinned = new ConcurrentHashMap<>();
    final Map<String, Integer> nice = new ConcurrentHashMap<>();
    final Map<String, IoPriority> io = new ConcurrentHashMap<>();

    RecordingProvider(String name, CpuSet allowed) {
        this(name, allowed, Outcome.applied());
    }

    RecordingProvider(String name, CpuSet allowed, Outcome niceOutcome) {
        this.name = name;
        this.allowed = allowed;
        this.niceOutcome = niceOutcome;
    }

    private String me() {
        return Thread.currentThread().getName();
    }

    /** Calls made by one thread, in order, without the thread name. */
    List<String> callsOf(String thread) {
        return calls.stream().filter(c -> c.startsWith(thread + ":")).map(c -> c.substring(thread.length() + 1)).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.noneSupported("fake", 0);
    }

    @Override
    public CpuSet allowedCpus() {
        return allowed;
    }

    @Override
    public Reading<Integer> threadId() {
        return Reading.of(ProcThreads.currentTid().orElse(-1));
    }

    @Override
    public Outcome pinThread(CpuSet cpus) {
        calls.add(me() + ":pin " + cpus);
        pinned.put(me(), cpus);
        return Outcome.applied();
    }

    @Override
    public Reading<CpuSet> threadAffinity() {
        CpuSet p = pinned.get(me());
        return p == null ? Reading.of(allowed) : Reading.of(p);
    }

    @Override
    public Reading<Integer> currentCpu() {
        return Reading.failed(Outcome.unsupported("fake"));
    }

    @Override
    public Outcome setThreadNice(int n) {
        calls.add(me() + ":nice " + n);
        if (niceOutcome.isApplied()) {
            nice.put(me(), n);
        }
        return niceOutcome;
    }

    @Override
    public Reading<Integer> threadNice() {
        return Reading.of(nice.getOrDefault(me(), 0));
    }

    @Override
    public Outcome setThreadIoPriority(IoPriority priority) {
        calls.add(me() + ":io " + priority);
        io.put(me(), priority);
        return Outcome.applied();
    }

    @Override
    public Reading<IoPriority> threadIoPriority() {
        IoPriority p = io.get(me());
        return p == null ? Reading.of(new IoPriority(IoPriority.IoClass.NONE, 0)) : Reading.of(p);
    }

    @Override
    public Outcome restoreThread() {
        calls.add(me() + ":restore");
        pinned.remove(me());
        nice.remove(me());
        io.remove(me());
        return Outcome.applied();
    }

    @Override
    public Outcome adviseMemory(ByteBuffer buffer, long offset, long length, MemoryAdvice advice) {
        return Outcome.unsupported("fake");
    }

    @Override
    public Outcome advisePageCache(Path file, long offset, long length, PageCacheAdvice advice) {
        return Outcome.unsupported("fake");
    }
}
