package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParseException.Kind;

/** Every hostile or broken input gets its defined error; nothing outside the file is read. */
class HostileInputTest {

    private static final String XCCDF = "http://checklists.nist.gov/xccdf/1.2";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static SsgParseException refused(Path file) {
        return assertThrows(SsgParseException.class, () -> Fixtures.parser().parse(file));
    }

    @Test
    void xxeFileEntityIsRefusedAndTheFileNeverRead() throws Exception {
        Path secret = write("secret.txt", "TOP-SECRET-CONTENT");
        Path file = write("xxe-file.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE Benchmark [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n<Benchmark xmlns=\"" + XCCDF + "\"><title>&x;</title></Benchmark>");
        SsgParseException e = refused(file);
        assertEquals(Kind.DOCTYPE_REFUSED, e.kind());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(file + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE refused"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void xxeUrlEntityAndExternalDtdAreRefusedWithoutAnyRequest() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path entity = write("xxe-url.xml", "<!DOCTYPE Benchmark [<!ENTITY x SYSTEM \"" + base + "/x\">]>\n<Benchmark xmlns=\""
                    + XCCDF + "\">&x;</Benchmark>");
            Path dtd = write("xxe-dtd.xml", "<!DOCTYPE Benchmark SYSTEM \"" + base + "/evil.dtd\">\n<Benchmark xmlns=\""
                    + XCCDF + "\"/>");
            assertEquals(Kind.DOCTYPE_REFUSED, refused(entity).kind());
            assertEquals(Kind.DOCTYPE_REFUSED, refused(dtd).kind());
        } finally {
            server.stop(0);
        }
        assertEquals(0, requests.get(), "HTTP requests the parser made");
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() throws Exception {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        sb.append("]>\n<lolz>&lol9;</lolz>");
        SsgParseException e = refused(write("lolz.xml", sb.toString()));
        assertEquals(Kind.DOCTYPE_REFUSED, e.kind());
        assertEquals(2, e.line());
    }

    @Test
    void anyDoctypeIsRefused() throws Exception {
        SsgParseException e = refused(write("doctype.xml", "<!DOCTYPE Benchmark>\n<Benchmark xmlns=\"" + XCCDF + "\"/>"));
        assertEquals(Kind.DOCTYPE_REFUSED, e.kind());
        assertEquals(1, e.line());
    }

    @Test
    void undeclaredEntityWithoutDoctypeIsRefused() throws Exception {
        SsgParseException e = refused(write("entity.xml", "<Benchmark xmlns=\"" + XCCDF + "\">\n<title>&x;</title></Benchmark>"));
        assertEquals(Kind.DOCTYPE_REFUSED, e.kind());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("entity reference refused"), e.getMessage());
    }

    @Test
    void truncatedFileNamesFileLineAndColumn() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.sample());
        Path file = dir.resolve("truncated.xml");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        SsgParseException e = refused(file);
        assertEquals(Kind.MALFORMED, e.kind());
        long lines = new String(whole, 0, whole.length / 2, StandardCharsets.UTF_8).lines().count();
        assertEquals(lines, e.line(), "the error is on the last line of what is left");
        assertTrue(e.column() > 0);
        assertTrue(e.getMessage().startsWith(file + ":" + lines + ":" + e.column() + ": malformed XML: Unexpected EOF"),
                e.getMessage());
    }

    @Test
    void wrongNamespaceIsAnUnsupportedRoot() throws Exception {
        SsgParseException e = refused(write("ns.xml", "<?xml version=\"1.0\"?>\n<Benchmark xmlns=\"urn:wrong\" id=\"x\"/>"));
        assertEquals(Kind.UNSUPPORTED_ROOT, e.kind());
        assertTrue(e.getMessage().endsWith("unsupported document root {urn:wrong}Benchmark"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void xmlThatIsNotScapIsAnUnsupportedRoot() throws Exception {
        SsgParseException e = refused(write("html.xml", "<html><body/></html>"));
        assertEquals(Kind.UNSUPPORTED_ROOT, e.kind());
        assertTrue(e.getMessage().endsWith("unsupported document root {}html"), e.getMessage());
    }

    @Test
    void binaryDataIsMalformed() throws Exception {
        Path file = dir.resolve("binary.xml");
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        bytes[0] = 0x7f; // ELF-like header, never XML
        Files.write(file, bytes);
        SsgParseException e = refused(file);
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith(file + ":1:"), e.getMessage());
    }

    @Test
    void contentAfterTheRootElementIsMalformedNotIgnored() throws Exception {
        SsgParseException e = refused(write("trailing.xml", "<Benchmark xmlns=\"" + XCCDF + "\" id=\"b\"/>\n<x/>"));
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(2, e.line());
    }

    @Test
    void emptyMissingAndDirectoryHaveTheirOwnErrors() throws Exception {
        SsgParseException empty = refused(write("empty.xml", ""));
        assertEquals(Kind.EMPTY, empty.kind());
        assertEquals(dir.resolve("empty.xml") + ": empty file (0 bytes)", empty.getMessage());
        SsgParseException missing = refused(dir.resolve("missing.xml"));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertEquals(dir.resolve("missing.xml") + ": no such file", missing.getMessage());
        SsgParseException directory = refused(dir);
        assertEquals(Kind.NOT_A_FILE, directory.kind());
        assertEquals(dir + ": is a directory, not a file", directory.getMessage());
    }

    @Test
    void unreadableFileIsRefused() throws Exception {
        Path file = write("unreadable.xml", "<Benchmark xmlns=\"" + XCCDF + "\"/>");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file),
                "running as root: a mode 000 file is still readable, so UNREADABLE cannot be provoked here");
        assertEquals(Kind.UNREADABLE, refused(file).kind());
    }

    @Test
    void hundredThousandDeepNestingHitsTheDepthLimit() throws Exception {
        String deep = "<Benchmark xmlns=\"" + XCCDF + "\">" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</Benchmark>";
        SsgParseException e = refused(write("deep.xml", deep));
        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        assertTrue(e.getMessage().contains("Maximum Element Depth limit (1000) Exceeded"), e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void hugeAttributeHitsTheAttributeSizeLimit() throws Exception {
        String huge = "<Benchmark xmlns=\"" + XCCDF + "\" id=\"" + "x".repeat(2 << 20) + "\"/>";
        SsgParseException e = refused(write("attr.xml", huge));
        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        assertTrue(e.getMessage().contains("Maximum attribute size limit (1048576) exceeded"), e.getMessage());
    }

    /** Roots of the document classes added after the first corpus: each gets the same limits and refusals. */
    private static final List<String> LATER_ROOTS = List.of(
            "<xccdf:Tailoring xmlns:xccdf=\"" + XCCDF + "\" id=\"t\"><xccdf:Profile id=\"p\">BODY</xccdf:Profile></xccdf:Tailoring>",
            "<t:Tailoring xmlns:t=\"http://open-scap.org/page/Xccdf-1.1-tailoring\" xmlns:x=\"http://checklists.nist.gov/xccdf/1.1\""
                    + " id=\"t\"><x:Profile id=\"p\">BODY</x:Profile></t:Tailoring>",
            "<Benchmark xmlns=\"" + XCCDF + "\" id=\"b\"><TestResult id=\"t\"><rule-result idref=\"r\">BODY</rule-result></TestResult></Benchmark>",
            "<arf:asset-report-collection xmlns:arf=\"http://scap.nist.gov/schema/asset-reporting-format/1.1\"><arf:reports>"
                    + "<arf:report id=\"r\"><arf:content>BODY</arf:content></arf:report></arf:reports></arf:asset-report-collection>",
            "<oval_results xmlns=\"http://oval.mitre.org/XMLSchema/oval-results-5\"><results><system>BODY</system></results></oval_results>",
            "<oval_system_characteristics xmlns=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5\"><system_data>BODY"
                    + "</system_data></oval_system_characteristics>",
            "<oval_variables xmlns=\"http://oval.mitre.org/XMLSchema/oval-variables-5\"><variables><variable id=\"v\">BODY</variable>"
                    + "</variables></oval_variables>",
            "<oval_directives xmlns=\"http://oval.mitre.org/XMLSchema/oval-directives-5\"><directives>BODY</directives></oval_directives>",
            "<l:platform-specification xmlns:l=\"http://cpe.mitre.org/language/2.0\"><l:platform id=\"p\"><l:logical-test operator=\"OR\">"
                    + "BODY</l:logical-test></l:platform></l:platform-specification>",
            // an undeclared prefix is tolerated as oscap tolerates it; the limits still hold in the re-read
            "<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\" xsi:schemaLocation=\"x\"><definitions>"
                    + "<definition id=\"d\">BODY</definition></definitions></oval_definitions>");

    @Test
    void moreUndeclaredPrefixesThanTheLimitAreRefusedNamingTheNextOne() throws Exception {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i <= WoodstoxSsgParser.MAX_UNDECLARED_PREFIXES; i++) {
            attrs.append(" p").append(i).append(":a=\"x\"");
        }
        SsgParseException e = refused(write("prefixes.xml", "<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\""
                + attrs + "/>"));
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("Undeclared namespace prefix \"p" + WoodstoxSsgParser.MAX_UNDECLARED_PREFIXES + "\""),
                e.getMessage());
    }

    @Test
    void laterDocumentClassesHitTheDepthLimitInsideTheirContent() throws Exception {
        for (String root : LATER_ROOTS) {
            SsgParseException e = refused(write("deep.xml", root.replace("BODY", "<a>".repeat(5_000) + "</a>".repeat(5_000))));
            assertEquals(Kind.LIMIT_EXCEEDED, e.kind(), root);
            assertTrue(e.getMessage().contains("Maximum Element Depth limit (1000) Exceeded"), e.getMessage());
        }
    }

    @Test
    void laterDocumentClassesRefuseEntityReferencesAndDoctypes() throws Exception {
        for (String root : LATER_ROOTS) {
            assertEquals(Kind.DOCTYPE_REFUSED, refused(write("entity.xml", root.replace("BODY", "<title>&x;</title>"))).kind(), root);
            assertEquals(Kind.DOCTYPE_REFUSED, refused(write("doctype.xml", "<!DOCTYPE x [<!ENTITY x \"y\">]>\n"
                    + root.replace("BODY", ""))).kind(), root);
        }
    }

    @Test
    void truncatedLaterDocumentClassesAreMalformedNotPartial() throws Exception {
        for (String root : LATER_ROOTS) {
            String whole = root.replace("BODY", "<title>kept?</title>");
            SsgParseException e = refused(write("cut.xml", whole.substring(0, whole.length() - 12)));
            assertEquals(Kind.MALFORMED, e.kind(), root);
            assertTrue(e.getMessage().contains("malformed XML: Unexpected "), e.getMessage());
        }
    }
}
