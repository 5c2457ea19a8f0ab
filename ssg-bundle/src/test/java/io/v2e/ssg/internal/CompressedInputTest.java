package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParseException.Kind;
import io.v2e.tuning.api.Outcome;

/** .xml.bz2 input: the same model as the plain file, bounded decompression, honest advice. */
class CompressedInputTest {

    @TempDir
    Path dir;

    private Path bzip2(Path plain, String name) throws IOException {
        Path out = dir.resolve(name);
        try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(out))) {
            Files.copy(plain, o);
        }
        return out;
    }

    private static WoodstoxSsgParser parser(long maxDecompressedSize) {
        return new WoodstoxSsgParser(() -> Fixtures.NOOP, new ParserSettings(1 << 30, false, 1000, 1 << 20, 64 << 20,
                maxDecompressedSize));
    }

    @Test
    void bzip2DataStreamGivesTheSameInfoAsThePlainFile() throws Exception {
        Path plain = Fixtures.sample();
        Path compressed = bzip2(plain, "ssg-chromium-ds.xml.bz2");
        ParseResult fromPlain = Fixtures.parser().parse(plain);
        ParseResult fromBz2 = Fixtures.parser().parse(compressed);
        assertEquals(OscapStyleInfo.render(fromPlain.document(), Files.getLastModifiedTime(plain)),
                OscapStyleInfo.render(fromBz2.document(), Files.getLastModifiedTime(plain)));
        assertEquals(fromPlain.statistics().rules(), fromBz2.statistics().rules());
        assertEquals(fromPlain.statistics().elements(), fromBz2.statistics().elements());
        assertEquals(Files.size(compressed), fromBz2.statistics().bytes(), "bytes counts the file on disk");
    }

    @Test
    void compressedInputReportsMadviseAsNotApplicableAndAsksNothing() throws Exception {
        ParseStatistics s = Fixtures.parser().parse(bzip2(Fixtures.sample(), "sample.xml.bz2")).statistics();
        assertEquals(List.of(new ParseStatistics.Advice("madvise", 0, Outcome.unsupported(
                "not applicable: compressed input is decompressed as a stream, nothing is mapped"))), s.advice());
    }

    @Test
    void bzip2BombIsRefusedAtTheDecompressedSizeLimit() throws Exception {
        // 64 MiB of one byte in a comment compresses to a few hundred bytes
        Path bomb = dir.resolve("bomb.xml.bz2");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(bomb))) {
            o.write("<?xml version=\"1.0\"?>\n<!--".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 64; i++) {
                o.write(chunk);
            }
            o.write("-->\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\"/>\n".getBytes(
                    StandardCharsets.US_ASCII));
        }
        assertTrue(Files.size(bomb) < 10_000, "bomb size " + Files.size(bomb));
        SsgParseException e = assertThrows(SsgParseException.class, () -> parser(1 << 20).parse(bomb));
        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        assertTrue(e.getMessage().startsWith(bomb.toString()), e.getMessage());
        assertTrue(e.getMessage().endsWith(": decompressed size exceeds max_decompressed_size (1048576 bytes)"),
                e.getMessage());
    }

    @Test
    void contentExactlyAtTheDecompressedSizeLimitParses() throws Exception {
        Path plain = Fixtures.path("/fixtures/oval.xml");
        Path compressed = bzip2(plain, "oval.xml.bz2");
        assertEquals("OVAL Definitions", parser(Files.size(plain)).parse(compressed).document().documentType());
        SsgParseException e = assertThrows(SsgParseException.class, () -> parser(Files.size(plain) - 1).parse(compressed));
        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    }

    @Test
    void truncatedBzip2IsMalformedNamingTheCompression() throws Exception {
        Path whole = bzip2(Fixtures.sample(), "whole.xml.bz2");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.xml.bz2"), Arrays.copyOf(bytes, bytes.length / 2));
        SsgParseException e = assertThrows(SsgParseException.class, () -> Fixtures.parser().parse(truncated));
        assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(truncated + ": corrupt bzip2 data: "), e.getMessage());
    }

    @Test
    void doctypeInsideBzip2IsRefusedLikeInAPlainFile() throws Exception {
        Path plain = Files.writeString(dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE Benchmark [<!ENTITY x "
                + "SYSTEM \"file:///etc/passwd\">]>\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">&x;</Benchmark>");
        SsgParseException e = assertThrows(SsgParseException.class,
                () -> Fixtures.parser().parse(bzip2(plain, "xxe.xml.bz2")));
        assertEquals(Kind.DOCTYPE_REFUSED, e.kind());
        assertEquals(2, e.line());
    }
}
