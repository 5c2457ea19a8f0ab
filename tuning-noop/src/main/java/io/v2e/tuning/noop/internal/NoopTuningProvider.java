package io.v2e.tuning.noop.internal;

import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * Changes nothing and reports UNSUPPORTED for every operation; the fallback on any OS and for
 * hosts that must not be tuned. Lowest ranking, so any real provider wins. Stateless and
 * thread-safe.
 */
@Component(service = TuningProvider.class,
        property = {TuningProvider.PROVIDER_NAME_PROPERTY + "=" + NoopTuningProvider.NAME,
                "service.ranking:Integer=" + NoopTuningProvider.RANKING})
public final class NoopTuningProvider implements TuningProvider {

    public static final String NAME = "noop";
    public static final int RANKING = -1000;

    private static final String WHY = "the noop provider changes nothing";
    private static final Outcome UNSUPPORTED = Outcome.unsupported(WHY);

    private final Capabilities capabilities = Capabilities.noneSupported(WHY, 0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** Without the kernel to ask, the JVM's processor count is the best guess (and says so). */
    @Override
    public CpuSet allowedCpus() {
        return CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    public Reading<Integer> threadId() {
        return Reading.failed(UNSUPPORTED);
    }

    @Override
    public Outcome pinThread(CpuSet cpus) {
        requireCpus(cpus);
        return UNSUPPORTED;
    }

    @Override
    public Reading<CpuSet> threadAffinity() {
        return Reading.failed(UNSUPPORTED);
    }

    @Override
    public Reading<Integer> currentCpu() {
        return Reading.failed(UNSUPPORTED);
    }

    @Override
    public Outcome setThreadNice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice must be -20..19, was " + nice);
        }
        return UNSUPPORTED;
    }

    @Override
    public Reading<Integer> threadNice() {
        return Reading.failed(UNSUPPORTED);
    }

    @Override
    public Outcome setThreadIoPriority(IoPriority priority) {
        Objects.requireNonNull(priority, "priority");
        return UNSUPPORTED;
    }

    @Override
    public Reading<IoPriority> threadIoPriority() {
        return Reading.failed(UNSUPPORTED);
    }

    @Override
    public Outcome setThreadScheduling(ThreadScheduling scheduling) {
        Objects.requireNonNull(scheduling, "scheduling");
        return UNSUPPORTED;
    }

    @Override
    public Reading<ThreadScheduling> threadScheduling() {
        return Reading.failed(UNSUPPORTED);
    }

    /** Nothing was ever changed, so there is nothing to undo. */
    @Override
    public Outcome restoreThread() {
        return Outcome.applied();
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
        return UNSUPPORTED;
    }

    /** Checks the arguments as the Linux providers do, so a caller's bug shows up on any provider. */
    @Override
    public Outcome advisePageCache(Path file, long offset, long length, PageCacheAdvice advice) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(advice, "advice");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("page-cache advice needs offset >= 0 and length >= 0, was offset "
                    + offset + ", length " + length);
        }
        if (file.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("page-cache advice needs a file of the default file system, not "
                    + file.getFileSystem().provider().getScheme() + ": " + file.toUri());
        }
        return UNSUPPORTED;
    }

    private static void requireCpus(CpuSet cpus) {
        if (cpus == null || cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin to an empty CPU set");
        }
    }
}
