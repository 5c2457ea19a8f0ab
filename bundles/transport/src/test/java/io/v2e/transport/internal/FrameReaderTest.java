package io.v2e.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameReaderTest {

    /** Records lines as strings and oversize reports as "OVERSIZE(prefix)". */
    private static final class Recorder implements FrameReader.Sink {
        final List<String> seen = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean frame(byte[] bytes, int offset, int length) {
            seen.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            return seen.size() < stopAfter;
        }

        @Override
        public void oversize(int limit, byte[] bytes, int offset, int length) {
            seen.add("OVERSIZE(" + new String(bytes, offset, Math.min(length, 4), StandardCharsets.UTF_8) + ")");
        }
    }

    private static int feed(FrameReader r, String text, Recorder sink) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return r.feed(b, 0, b.length, sink);
    }

    @Test
    void linesSplitAcrossReadsAreJoined() {
        FrameReader r = new FrameReader(100);
        Recorder s = new Recorder();
        feed(r, "ab", s);
        feed(r, "c\nde", s);
        assertTrue(r.midFrame());
        feed(r, "f\n\n", s);
        assertEquals(List.of("abc", "def", ""), s.seen);
        assertFalse(r.midFrame());
    }

    @Test
    void aLineAtTheLimitPassesAndOneByteMoreIsReportedOnce() {
        FrameReader r = new FrameReader(5);
        Recorder s = new Recorder();
        feed(r, "12345\n123456\nok\n", s);
        assertEquals(List.of("12345", "OVERSIZE(1234)", "ok"), s.seen);
    }

    @Test
    void aLongLineOverManyReadsIsReportedAsSoonAsItPassesTheLimitThenSkipped() {
        FrameReader r = new FrameReader(8);
        Recorder s = new Recorder();
        feed(r, "abcdef", s);
        assertEquals(List.of(), s.seen);
        feed(r, "ghij", s); // 10 > 8: reported now, before its end
        assertEquals(List.of("OVERSIZE(abcd)"), s.seen);
        for (int i = 0; i < 1000; i++) {
            feed(r, "xxxxxxxxxxxxxxxx", s);
        }
        assertEquals(0, r.bufferedBytes(), "a skipped line is not stored");
        feed(r, "tail\nnext\n", s);
        assertEquals(List.of("OVERSIZE(abcd)", "next"), s.seen);
    }

    @Test
    void theSinkCanStopAfterALineAndTheRestIsLeftUnconsumed() {
        FrameReader r = new FrameReader(100);
        Recorder s = new Recorder();
        s.stopAfter = 1;
        String text = "one\ntwo\nthree\n";
        assertEquals(4, feed(r, text, s));
        assertEquals(List.of("one"), s.seen);
        s.stopAfter = Integer.MAX_VALUE;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(b.length - 4, r.feed(b, 4, b.length - 4, s));
        assertEquals(List.of("one", "two", "three"), s.seen);
    }

    @Test
    void anUnfinishedLineIsHeldUntilItsNewline() {
        FrameReader r = new FrameReader(100);
        Recorder s = new Recorder();
        feed(r, "{\"type\":", s);
        assertTrue(r.midFrame());
        assertEquals(8, r.bufferedBytes());
        assertEquals(List.of(), s.seen);
    }
}
