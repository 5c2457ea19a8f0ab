package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Message;
import io.v2e.config.internal.TypedConfig;
import io.v2e.ssg.api.SsgParseException;

/** The ssg endpoint reads only below its content roots and never quotes a file in an error (issue 16, item 6). */
class SsgEndpointConfinementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path base;
    private Path root;
    private Path outside;
    private SsgEndpointComponent endpoint;

    @BeforeEach
    void rootAndAnOutsideDirectory() throws Exception {
        root = Files.createDirectory(base.resolve("content"));
        outside = Files.createDirectory(base.resolve("private"));
        endpoint = new SsgEndpointComponent(Fixtures.parser(), SsgEndpointTest.config(4, root.toString()));
    }

    private String parse(String path) throws Exception {
        return endpoint.handle(Message.request("mallory", "ssg", "RPCSSGParse",
                JSON.writeValueAsString(Map.of("file_path", path)), "c1"));
    }

    private Exception refusal(String path) {
        return assertThrows(Exception.class, () -> parse(path));
    }

    @Test
    void aFileBelowARootIsServed() throws Exception {
        Path file = Files.copy(Fixtures.sample(), root.resolve("ds.xml"));
        assertEquals("Source Data Stream", JSON.readTree(parse(file.toString())).get("document_type").asText());
    }

    @Test
    void aPathOutsideTheRootsIsRefusedWithoutBeingOpened() throws Exception {
        // A FIFO blocks whoever opens it for reading until a writer comes: an answer proves no open.
        Path fifo = outside.resolve("shadow");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        Exception e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(fifo.toString()));
        assertEquals(ContentRoots.NOT_ALLOWED, e.getMessage());
    }

    @Test
    void aMissingFileOutsideTheRootsIsRefusedLikeAPresentOne() {
        assertEquals(ContentRoots.NOT_ALLOWED, refusal(outside.resolve("nothing-here.xml").toString()).getMessage());
        assertEquals(ContentRoots.NOT_ALLOWED, refusal("/etc/shadow").getMessage());
    }

    @Test
    void dotDotOutOfARootIsRefused() throws Exception {
        Files.copy(Fixtures.sample(), outside.resolve("ds.xml"));
        assertEquals(ContentRoots.NOT_ALLOWED, refusal(root + "/../private/ds.xml").getMessage());
    }

    @Test
    void aSymlinkInARootLeadingOutIsRefused() throws Exception {
        Path target = Files.copy(Fixtures.sample(), outside.resolve("ds.xml"));
        Path link = Files.createSymbolicLink(root.resolve("link.xml"), target);
        assertEquals(ContentRoots.NOT_ALLOWED, refusal(link.toString()).getMessage());
        Path dirLink = Files.createSymbolicLink(root.resolve("sub"), outside);
        assertEquals(ContentRoots.NOT_ALLOWED, refusal(dirLink + "/ds.xml").getMessage());
    }

    @Test
    void aSymlinkInARootLeadingToAnotherFileInsideIsServed() throws Exception {
        Path target = Files.copy(Fixtures.sample(), root.resolve("ds.xml"));
        Path link = Files.createSymbolicLink(root.resolve("current.xml"), target);
        assertEquals("Source Data Stream", JSON.readTree(parse(link.toString())).get("document_type").asText());
    }

    @Test
    void aRelativePathIsRefused() {
        assertEquals(ContentRoots.NOT_ALLOWED, refusal("content/ds.xml").getMessage());
    }

    @Test
    void aMissingFileInsideARootIsNamedAsMissing() {
        Exception e = refusal(root.resolve("gone.xml").toString());
        assertTrue(e instanceof SsgParseException, e.toString());
        assertEquals(root.resolve("gone.xml") + ": no such file", e.getMessage());
    }

    @Test
    void anErrorAboutAFileNeverQuotesItsContent() throws Exception {
        Path file = Files.writeString(root.resolve("passwd.xml"), "root:x:0:0:root:/root:/bin/bash\n");
        String error = refusal(file.toString()).getMessage();
        assertEquals(file + ":1:1: malformed XML", error);
        assertFalse(error.contains("'r'") || error.contains("root:"), error);
        Path wrongRoot = Files.writeString(root.resolve("other.xml"), "<secret-name xmlns='urn:x'/>");
        String unsupported = refusal(wrongRoot.toString()).getMessage();
        assertFalse(unsupported.contains("secret-name"), unsupported);
        assertTrue(unsupported.endsWith("unsupported document root"), unsupported);
    }

    @Test
    void defaultRootsAreTheSystemContentAndTheHomesContentFolder() {
        SsgEndpointComponent defaults = new SsgEndpointComponent(Fixtures.parser(), SsgEndpointTest.config(4, ""));
        String home = System.getProperty("v2e.home", System.getProperty("user.dir"));
        assertEquals(List.of(Path.of("/usr/share/xml/scap"), Path.of(home, "content").toAbsolutePath().normalize()),
                defaults.contentRoots());
    }

    @Test
    void aRelativeRootIsRejectedAndTheDefaultsUsed() {
        Map<String, Object> props = Map.of("content_roots", "content, /srv/scap");
        SsgEndpointComponent c = new SsgEndpointComponent(Fixtures.parser(),
                TypedConfig.of(SsgEndpointComponent.Config.class, props), props);
        assertEquals(SsgEndpointComponent.defaultRoots().stream().map(Path::of).toList(), c.contentRoots());
    }

    @Test
    void severalRootsAreAccepted() {
        Map<String, Object> props = Map.of("content_roots", root + " , /srv/scap");
        SsgEndpointComponent c = new SsgEndpointComponent(Fixtures.parser(),
                TypedConfig.of(SsgEndpointComponent.Config.class, props), props);
        assertEquals(List.of(root, Path.of("/srv/scap")), c.contentRoots());
    }
}
