package io.v2e.tuning.linux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void anAbsolutePathBecomesItsBytesAndATerminatingZero() {
        byte[] name = FileNames.nativeName(Path.of("/var/lib/x.bin"));
        assertArrayEquals("/var/lib/x.bin\0".getBytes(StandardCharsets.US_ASCII), name);
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
        byte[] name = FileNames.nativeName(Path.of("target", "x.bin"));
        String expected = Path.of("").toAbsolutePath().resolve("target/x.bin").toString();
        assertEquals(expected, new String(name, 0, name.length - 1, StandardCharsets.UTF_8));
        assertEquals(0, name[name.length - 1]);
    }

    @Test
    void aPathOfAnotherFileSystemIsRejected() {
        Path inImage = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/java.base");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileNames.nativeName(inImage));
        assertTrue(e.getMessage().contains("jrt"), e.getMessage());
    }
}
