package io.v2e.tuning.jnr.internal;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;

/**
 * The Linux TuningProvider over jnr-ffi. Thread operations act on the calling thread's kernel
 * thread id; the state before this provider's first change on a thread is kept in a
 * ThreadLocal until {@link #restoreThread()}. Any thread may call any method concurrently.
 * <p>
 * Disabled by default: {@link LinuxProviderGate} enables it on Linux only. Outside OSGi,
 * {@code new JnrTuningProvider()} binds libc and probes the capabilities just the same.
 */
@Component(name = JnrTuningProvider.COMPONENT_NAME, service = TuningProvider.class, enabled = false,
        property = {TuningProvider.PROVIDER_NAME_PROPERTY + "=" + JnrTuningProvider.NAME,
                "service.ranking:Integer=" + JnrTuningProvider.RANKING})
public final class JnrTuningProvider implements TuningProvider {

    public static final String NAME = "jnr";
    public static final int RANKING = 300;
    static final String COMPONENT_NAME = "io.v2e.tuning.jnr";

    private final LinuxKernel kernel;
    private final Capabilities capabilities;
    private final ThreadLocal<SavedThreadState> saved = new ThreadLocal<>();

    /** Binds libc (once per JVM) and probes what this process may do. */
    @Activate
    public JnrTuningProvider() {
        this(LinuxKernel.bind());
    }

    JnrTuningProvider(LinuxKernel kernel) {
        this.kernel = kernel;
        this.capabilities = new CapabilityProbe(kernel).probe();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public CpuSet allowedCpus() {
        Reading<CpuSet> process = kernel.processAffinity();
        return process.isPresent() ? process.get()
                : CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    public Reading<Integer> threadId() {
        return kernel.gettid();
    }

    @Override
    public Outcome pinThread(CpuSet cpus) {
        if (cpus == null || cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin to an empty CPU set");
        }
        int tid = kernel.callingThread();
        saveBeforeFirstChange(tid);
        return kernel.setAffinity(tid, cpus);
    }

    @Override
    public Reading<CpuSet> threadAffinity() {
        return kernel.affinity(kernel.callingThread());
    }

    @Override
    public Reading<Integer> currentCpu() {
        return kernel.currentCpu();
    }

    @Override
    public Outcome setThreadNice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice must be -20..19, was " + nice);
        }
        int tid = kernel.callingThread();
        saveBeforeFirstChange(tid);
        return kernel.setNice(tid, nice);
    }

    @Override
    public Reading<Integer> threadNice() {
        return kernel.nice(kernel.callingThread());
    }

    @Override
    public Outcome setThreadIoPriority(IoPriority priority) {
        Objects.requireNonNull(priority, "priority");
        int tid = kernel.callingThread();
        saveBeforeFirstChange(tid);
        return kernel.setIoPriority(tid, priority);
    }

    @Override
    public Reading<IoPriority> threadIoPriority() {
        return kernel.ioPriority(kernel.callingThread());
    }

    /**
     * Restores what was saved before the first change; the saved state is dropped once every
     * part is back, and kept (so a later call can retry) when the kernel refused a part.
     */
    @Override
    public Outcome restoreThread() {
        SavedThreadState state = saved.get();
        if (state == null) {
            return Outcome.applied();
        }
        int tid = kernel.callingThread();
        Outcome result = Outcome.applied();
        if (state.affinity() != null) {
            result = firstFailure(result, kernel.setAffinity(tid, state.affinity()));
        }
        if (state.nice() != null) {
            result = firstFailure(result, kernel.setNice(tid, state.nice()));
        }
        if (state.ioPriority() != null) {
            result = firstFailure(result, kernel.setIoPriority(tid, settable(state.ioPriority())));
        }
        if (result.isApplied()) {
            saved.remove();
        }
        return result;
    }

    @Override
    public Outcome adviseMemory(ByteBuffer buffer, long offset, long length, MemoryAdvice advice) {
        Objects.requireNonNull(advice, "advice");
        if (buffer == null || !buffer.isDirect()) {
            throw new IllegalArgumentException("memory advice needs a direct or mapped buffer, not a heap buffer");
        }
        if (offset < 0 || length < 0 || offset + length > buffer.capacity()) {
            throw new IllegalArgumentException("region " + offset + "+" + length + " is outside the buffer of "
                    + buffer.capacity() + " bytes");
        }
        return kernel.madvise(buffer, offset, length, advice);
    }

    @Override
    public Outcome advisePageCache(FileChannel channel, long offset, long length, PageCacheAdvice advice) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(advice, "advice");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("page-cache advice needs offset >= 0 and length >= 0, was "
                    + offset + "+" + length);
        }
        return kernel.fadvise(channel, offset, length, advice);
    }

    /** The kernel reports class NONE with a level but only accepts NONE with level 0. */
    static IoPriority settable(IoPriority priority) {
        return priority.ioClass() == IoPriority.IoClass.NONE && priority.level() != 0
                ? new IoPriority(IoPriority.IoClass.NONE, 0) : priority;
    }

    private void saveBeforeFirstChange(int tid) {
        if (saved.get() == null) {
            saved.set(new SavedThreadState(kernel.affinity(tid).value().orElse(null),
                    kernel.nice(tid).value().orElse(null), kernel.ioPriority(tid).value().orElse(null)));
        }
    }

    private static Outcome firstFailure(Outcome soFar, Outcome next) {
        return soFar.isApplied() ? next : soFar;
    }
}
