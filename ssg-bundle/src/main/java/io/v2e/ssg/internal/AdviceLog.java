package io.v2e.ssg.internal;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.v2e.ssg.api.ParseStatistics;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.TuningProvider;

/**
 * Gives the kernel hints for each mapped window (SEQUENTIAL + WILLNEED when mapped, DONTNEED when
 * done) through the bound provider and records every answer. Confined to the parsing thread.
 */
final class AdviceLog implements MappedFileInputStream.WindowListener {

    private final TuningProvider provider;
    private final Map<String, ParseStatistics.Advice> advice = new LinkedHashMap<>();

    /** @param provider the provider to ask, or null to give no hints */
    AdviceLog(TuningProvider provider) {
        this.provider = provider;
    }

    String providerName() {
        return provider == null ? "none" : provider.name();
    }

    @Override
    public void mapped(MappedByteBuffer window) {
        if (provider != null) {
            adviseMemory(window, MemoryAdvice.SEQUENTIAL);
            adviseMemory(window, MemoryAdvice.WILLNEED);
        }
    }

    @Override
    public void done(MappedByteBuffer window) {
        if (provider != null) {
            adviseMemory(window, MemoryAdvice.DONTNEED);
        }
    }

    /** posix_fadvise DONTNEED on all of {@code file}: the provider opens it itself. */
    void dropPageCache(Path file) {
        if (provider != null) {
            record("fadvise " + PageCacheAdvice.DONTNEED,
                    provider.advisePageCache(file, 0, 0, PageCacheAdvice.DONTNEED));
        }
    }

    /** Records that {@code hint} was not asked at all, and why (never a made-up answer). */
    void notApplicable(String hint, String why) {
        advice.put(hint, new ParseStatistics.Advice(hint, 0, Outcome.unsupported("not applicable: " + why)));
    }

    private void adviseMemory(MappedByteBuffer window, MemoryAdvice hint) {
        record("madvise " + hint, provider.adviseMemory(window, 0, window.capacity(), hint));
    }

    /** Keeps the first answer that was not APPLIED, so one refused window is never hidden. */
    private void record(String hint, Outcome outcome) {
        ParseStatistics.Advice previous = advice.get(hint);
        if (previous == null) {
            advice.put(hint, new ParseStatistics.Advice(hint, 1, outcome));
        } else {
            Outcome kept = previous.outcome().isApplied() ? outcome : previous.outcome();
            advice.put(hint, new ParseStatistics.Advice(hint, previous.calls() + 1, kept));
        }
    }

    List<ParseStatistics.Advice> advice() {
        return new ArrayList<>(advice.values());
    }
}
