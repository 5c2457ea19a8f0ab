package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.ssg.api.CpeLanguage;
import io.v2e.ssg.api.OvalDefinitions;

/** CPE 2.0 language documents, and OVAL content with namespace prefixes it never declares (as oscap reads it). */
class CpeLanguageAndPrefixTest {

    @Test
    void cpeLanguageKeepsPlatformsAndNestedLogicalTests() throws Exception {
        CpeLanguage lang = Fixtures.parse("cpe-language.xml", CpeLanguage.class);
        assertEquals("CPE Language", lang.documentType());
        assertEquals(List.of(
                new CpeLanguage.Platform("debian_or_ubuntu", "Debian or Ubuntu", new CpeLanguage.LogicalTest("OR", false,
                        List.of("cpe:/o:debian:debian_linux:11", "cpe:/o:canonical:ubuntu_linux:22.04"), List.of(), List.of())),
                new CpeLanguage.Platform("debian_without_firefox", "Debian without Firefox", new CpeLanguage.LogicalTest("AND",
                        false, List.of("cpe:/o:debian:debian_linux:11"), List.of(), List.of(new CpeLanguage.LogicalTest("OR", true,
                                List.of("cpe:/a:mozilla:firefox"), List.of(), List.of()))))), lang.platforms());
    }

    @Test
    void undeclaredPrefixesLeaveTheSameModelAsTheDocumentWithoutThem() throws Exception {
        assertEquals(Fixtures.parse("oval.xml", OvalDefinitions.class), Fixtures.parse("oval-undeclared-prefix.xml", OvalDefinitions.class));
    }

    @Test
    void anElementWithAnUndeclaredPrefixIsSkippedLikeAnyUnknownElement(@TempDir Path dir) throws Exception {
        String oval = Files.readString(Fixtures.path("/fixtures/oval.xml"));
        Path file = Files.writeString(dir.resolve("elem.xml"), oval.replace("<definitions>",
                "<definitions><zz:extension id=\"oval:test:x:1\"/>"), StandardCharsets.UTF_8);
        OvalDefinitions with = (OvalDefinitions) Fixtures.parser().parse(file).document();
        assertEquals(Fixtures.parse("oval.xml", OvalDefinitions.class).definitions(), with.definitions());
    }

    @Test
    void aUtf16DocumentIsNotRewritten(@TempDir Path dir) throws Exception {
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\""
                + " xsi:schemaLocation=\"x\"/>";
        Path file = Files.write(dir.resolve("utf16.xml"), doc.getBytes(StandardCharsets.UTF_16));
        io.v2e.ssg.api.SsgParseException e = org.junit.jupiter.api.Assertions.assertThrows(io.v2e.ssg.api.SsgParseException.class,
                () -> Fixtures.parser().parse(file));
        assertNotEquals(-1, e.getMessage().indexOf("Undeclared namespace prefix \"xsi\""), e.getMessage());
    }
}
