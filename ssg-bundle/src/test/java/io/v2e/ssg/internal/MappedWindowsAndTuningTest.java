package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;

class MappedWindowsAndTuningTest {

    private static final ParserSettings SMALL_WINDOWS = new ParserSettings(4096, false, 1000, 1 << 20, 64 << 20);

    @Test
    void smallOddWindowsGiveTheSameModelAsOneMapping() throws Exception {
        Path sample = Fixtures.sample();
        ParseResult whole = Fixtures.parser().parse(sample);
        for (int window : new int[] {4096, 1000}) {
            ParseResult windowed = new WoodstoxSsgParser(() -> Fixtures.NOOP,
                    new ParserSettings(window, false, 1000, 1 << 20, 64 << 20)).parse(sample);
            assertEquals(whole.document(), windowed.document(), "window " + window);
            assertEquals(whole.statistics().elements(), windowed.statistics().elements());
        }
    }

    @Test
    void everyWindowIsAdvisedSequentialWillneedThenDontneed() throws Exception {
        Path sample = Fixtures.sample();
        long size = Files.size(sample);
        int windows = (int) ((size + 4095) / 4096);
        RecordingTuningProvider recording = new RecordingTuningProvider();
        ParseStatistics stats = new WoodstoxSsgParser(() -> recording, SMALL_WINDOWS).parse(sample).statistics();

        assertEquals(3 * windows, recording.memoryCalls.size());
        long advised = 0;
        for (int w = 0; w < windows; w++) {
            List<RecordingTuningProvider.Call> calls = recording.memoryCalls.subList(3 * w, 3 * w + 3);
            assertEquals(List.of(MemoryAdvice.SEQUENTIAL, MemoryAdvice.WILLNEED, MemoryAdvice.DONTNEED),
                    calls.stream().map(RecordingTuningProvider.Call::advice).toList());
            for (RecordingTuningProvider.Call c : calls) {
                assertTrue(c.direct() && c.readOnly(), "a read-only mapping is advised, not a heap copy");
                assertEquals(0, c.offset());
                assertEquals(c.capacity(), c.length());
            }
            advised += calls.get(0).capacity();
        }
        assertEquals(size, advised, "the windows cover the file exactly");
        assertEquals(List.of(), recording.pageCacheCalls, "page-cache DONTNEED is off by default");
        assertEquals("recording", stats.tuningProvider());
        assertEquals(List.of(new ParseStatistics.Advice("madvise SEQUENTIAL", windows, Outcome.applied()),
                new ParseStatistics.Advice("madvise WILLNEED", windows, Outcome.applied()),
                new ParseStatistics.Advice("madvise DONTNEED", windows, Outcome.applied())), stats.advice());
    }

    @Test
    void pageCacheDropIsAskedOnceWhenConfigured() throws Exception {
        RecordingTuningProvider recording = new RecordingTuningProvider();
        ParseStatistics stats = new WoodstoxSsgParser(() -> recording,
                new ParserSettings(1 << 30, true, 1000, 1 << 20, 64 << 20)).parse(Fixtures.sample()).statistics();
        assertEquals(List.of(PageCacheAdvice.DONTNEED), recording.pageCacheCalls);
        assertEquals(new ParseStatistics.Advice("fadvise DONTNEED", 1, Outcome.applied()), stats.advice().get(3));
    }

    @Test
    void noopProviderReportsUnsupportedAndYieldsTheSameModel() throws Exception {
        RecordingTuningProvider recording = new RecordingTuningProvider();
        ParseResult applied = new WoodstoxSsgParser(() -> recording, ParserSettings.DEFAULT).parse(Fixtures.sample());
        ParseResult noop = Fixtures.parser().parse(Fixtures.sample());
        assertEquals(applied.document(), noop.document());
        assertEquals("noop", noop.statistics().tuningProvider());
        Outcome unsupported = Outcome.unsupported("the noop provider changes nothing");
        assertEquals(List.of(new ParseStatistics.Advice("madvise SEQUENTIAL", 1, unsupported),
                new ParseStatistics.Advice("madvise WILLNEED", 1, unsupported),
                new ParseStatistics.Advice("madvise DONTNEED", 1, unsupported)), noop.statistics().advice());
    }

    @Test
    void withoutAnyProviderTheParseWorksAndSaysSo() throws Exception {
        ParseResult none = new WoodstoxSsgParser(() -> null, ParserSettings.DEFAULT).parse(Fixtures.sample());
        assertEquals(Fixtures.parser().parse(Fixtures.sample()).document(), none.document());
        assertEquals("none", none.statistics().tuningProvider());
        assertEquals(List.of(), none.statistics().advice());
        assertEquals(Files.size(Fixtures.sample()), none.statistics().bytes());
        assertTrue(none.statistics().elapsedNanos() > 0);
    }
}
