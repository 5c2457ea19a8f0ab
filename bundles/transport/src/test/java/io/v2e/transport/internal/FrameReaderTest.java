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

    @Test
    void aLineOfSeveralSegmentsIsHandedOverWholeInAnArrayOfExactlyItsLength() {
        FrameReader r = new FrameReader(4 * FrameReader.SEGMENT);
        byte[] line = new byte[2 * FrameReader.SEGMENT + 1234];
        for (int i = 0; i < line.length; i++) {
            line[i] = (byte) ('a' + i % 26);
        }
        byte[] stream = new byte[line.length + 6];
        System.arraycopy(line, 0, stream, 0, line.length);
        System.arraycopy("\nnext\n".getBytes(StandardCharsets.US_ASCII), 0, stream, line.length, 6);
        List<byte[]> arrays = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        FrameReader.Sink sink = new FrameReader.Sink() {
            @Override
            public boolean frame(byte[] bytes, int offset, int length) {
                arrays.add(bytes);
                lines.add(new String(bytes, offset, length, StandardCharsets.US_ASCII));
                return true;
            }

            @Override
            public void oversize(int limit, byte[] bytes, int offset, int length) {
                lines.add("OVERSIZE");
            }
        };
        for (int at = 0; at < stream.length; at += 64 * 1024) { // as the connection reads: 64 KiB at a time
            r.feed(stream, at, Math.min(64 * 1024, stream.length - at), sink);
        }
        assertEquals(List.of(new String(line, StandardCharsets.US_ASCII), "next"), lines);
        assertEquals(line.length, arrays.get(0).length, "one array of exactly the line's length");
        assertFalse(r.midFrame());
    }

    @Test
    void aLinePassingTheLimitAfterSeveralSegmentsIsReportedWithItsStart() {
        FrameReader r = new FrameReader(2 * FrameReader.SEGMENT + 10);
        Recorder s = new Recorder();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        feed(r, "abcd", s);
        for (int i = 0; i < 9; i++) { // 4 + 9 * 64 KiB passes 2 segments + 10 bytes
            r.feed(chunk, 0, chunk.length, s);
        }
        assertEquals(List.of("OVERSIZE(abcd)"), s.seen);
        assertEquals(0, r.bufferedBytes(), "nothing of it is kept");
        feed(r, "xx\nok\n", s);
        assertEquals(List.of("OVERSIZE(abcd)", "ok"), s.seen);
    }
}
