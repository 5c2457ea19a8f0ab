package io.v2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void aNestedTreeIsDeletedWithItsRoot() throws Exception {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/f"), "x");
        Files.writeString(root.resolve("top"), "y");

        FileTrees.delete(root);

        assertFalse(Files.exists(root));
    }

    @Test
    void aLinkInTheTreeIsDeletedAndWhatItPointsToStays() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "kept");
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        FileTrees.delete(root);

        assertFalse(Files.exists(root));
        assertEquals("kept", Files.readString(outside.resolve("keep")));
    }

    @Test
    void aMissingRootIsNothingToDelete() throws Exception {
        Path missing = dir.resolve("missing");
        FileTrees.delete(missing);
        assertFalse(Files.exists(missing));
    }
}
