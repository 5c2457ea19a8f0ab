package io.v2e.tuning.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Creates {@code @TempDir} folders under the module's {@code target/} (Maven runs tests in the
 * module folder), falling back to java.io.tmpdir. Page-cache tests need a disk-backed file
 * system: pages of a tmpfs /tmp cannot be evicted.
 */
public final class BuildDirTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        return diskBackedTempDirectory();
    }

    /** A new folder under {@code target/} (or java.io.tmpdir); the caller deletes it. */
    static Path diskBackedTempDirectory() throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            return Files.createTempDirectory(target, "tuning-contract-");
        }
        return Files.createTempDirectory("tuning-contract-");
    }
}
