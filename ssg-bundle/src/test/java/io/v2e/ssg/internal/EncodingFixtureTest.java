package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParseException.Kind;

/**
 * Documents whose XML declaration names a single-byte encoding other than UTF-8 (OpenSCAP reads
 * them): the titles come out as the characters the bytes stand for in that encoding.
 */
class EncodingFixtureTest {

    private static void assertTitles(String fixture, String benchmark, List<String> profiles, String rule)
            throws Exception {
        Benchmark b = Fixtures.parse(fixture, Benchmark.class);
        assertEquals(benchmark, b.title());
        assertEquals(profiles, b.profiles().stream().map(Profile::title).toList());
        assertEquals(List.of(rule), b.allRules().stream().map(r -> r.title()).toList());
    }

    @Test
    void windows1250TitlesAreDecodedAsWindows1250() throws Exception {
        assertTitles("xccdf12-windows-1250.xml", "Žluťoučký kůň úpěl ďábelské ódy",
                List.of("Žluťoučký kůň úpěl ďábelské ódy", "Zażółć gęślą jaźń"), "Kontrola přístupu");
    }

    @Test
    void iso88592TitlesAreDecodedAsIso88592() throws Exception {
        assertTitles("xccdf12-iso-8859-2.xml", "Příliš žluťoučký kůň",
                List.of("Příliš žluťoučký kůň", "Árvíztűrő tükörfúrógép"), "Łódź");
    }

    @Test
    void iso88591TitlesAreDecodedAsIso88591() throws Exception {
        assertTitles("xccdf12-iso-8859-1.xml", "Größe für Çafé", List.of("Größe für Çafé", "Ñandú año"),
                "Ørsted ÿ déjà vu");
    }

    @Test
    void anUnknownDeclaredEncodingIsMalformedNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bogus.xml"), "<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>\n"
                + "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\"/>\n", StandardCharsets.US_ASCII);
        SsgParseException e = assertThrows(SsgParseException.class, () -> Fixtures.parser().parse(file));
        assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("x-no-such-charset"), e.getMessage());
    }
}
