package io.v2e.ssg.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.tuning.noop.internal.NoopTuningProvider;

class EmbeddedSsgParserTest {

    private static final NoopTuningProvider NOOP = new NoopTuningProvider();

    @Test
    void windowSizeFromTheMapSetsHowManyWindowsAreMapped() throws Exception {
        Path sample = EmbeddedSsgParser.vendoredSample();
        ParseStatistics s = EmbeddedSsgParser.create(Map.of("window_size", "4096"), NOOP).parse(sample).statistics();
        long windows = (Files.size(sample) + 4095) / 4096;
        assertEquals(windows, s.advice().get(0).calls(), s.advice().toString());
    }

    @Test
    void withoutSettingsTheWholeSampleIsOneWindow() throws Exception {
        ParseStatistics s = EmbeddedSsgParser.create(Map.of(), NOOP).parse(EmbeddedSsgParser.vendoredSample()).statistics();
        assertEquals(1, s.advice().get(0).calls());
    }

    @Test
    void maxDepthFromTheMapRefusesDeeperDocuments() throws Exception {
        SsgParseException e = assertThrows(SsgParseException.class,
                () -> EmbeddedSsgParser.create(Map.of("max_depth", 3), NOOP).parse(EmbeddedSsgParser.vendoredSample()));
        assertEquals(SsgParseException.Kind.LIMIT_EXCEEDED, e.kind());
    }

    @Test
    void vendoredSampleIsTheChromiumDataStream() throws Exception {
        ParseResult r = EmbeddedSsgParser.create(Map.of(), () -> null).parse(EmbeddedSsgParser.vendoredSample());
        assertEquals("Source Data Stream", r.document().documentType());
        assertEquals(37, r.statistics().rules());
        assertEquals("none", r.statistics().tuningProvider());
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheKnownOnes() {
        assertEquals("unknown setting 'window.size' (known: drop_page_cache, max_attribute_size, max_decompressed_size, max_depth, "
                + "max_text_length, window_size)", assertThrows(IllegalArgumentException.class,
                        () -> EmbeddedSsgParser.create(Map.of("window.size", "4096"), NOOP)).getMessage());
    }

    @Test
    void textThatIsNoNumberIsRefusedNamingTheKey() {
        assertEquals("window_size must be a whole number, was '1g'", assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSsgParser.create(Map.of("window_size", "1g"), NOOP)).getMessage());
    }

    @Test
    void aValueBelowOneIsRefusedNamingTheKey() {
        assertEquals("max_depth must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSsgParser.create(Map.of("max_depth", "0"), NOOP)).getMessage());
    }

    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsRefused() {
        assertEquals("drop_page_cache must be true or false, was 'yes'", assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSsgParser.create(Map.of("drop_page_cache", "yes"), NOOP)).getMessage());
    }

    @Test
    void importParsesEveryFileOnTheWorkersAndCountsBytesRulesAndErrors(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path sample = EmbeddedSsgParser.vendoredSample();
        Path a = Files.copy(sample, dir.resolve("a.xml"));
        Path b = Files.copy(sample, dir.resolve("b.xml"));
        Path broken = Files.writeString(dir.resolve("c.xml"), "<x");
        EmbeddedImport.Summary s = EmbeddedImport.run(EmbeddedSsgParser.create(Map.of(), (io.v2e.tuning.api.TuningProvider) null),
                null, java.util.List.of(a, b, broken), 2);
        assertEquals(java.util.List.of(3, 2 * Files.size(sample), 1, 74L), java.util.List.of(s.files(), s.bytes(), s.errors(), s.rules()));
        assertEquals(java.util.List.of("ssg-import-0 -: not placed: no tuning provider", "ssg-import-1 -: not placed: no tuning provider"),
                s.placements());
        assertEquals(2, s.parseNanos().size());
    }
}
