package io.v2e.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The directory that holds the framework caches: the container's (the configured
 * {@code org.osgi.framework.storage}, wiped by Felix at every boot), its lock file, and one
 * private {@code command-<pid>} cache per running one-shot command, deleted when it ends.
 */
final class RunDirectory {

    private static final String COMMAND_PREFIX = "command-";

    private final Path dir;
    private final BootLog log;

    RunDirectory(LauncherSettings settings, BootLog log) {
        this.dir = settings.storage().getParent();
        this.log = log;
    }

    Path lockFile() {
        return dir.resolve("container.lock");
    }

    Path commandCache(long pid) {
        return dir.resolve(COMMAND_PREFIX + pid);
    }

    void create() throws IOException {
        Files.createDirectories(dir);
    }

    /** Removes the caches of one-shot commands whose process is gone (killed mid-command). */
    void deleteStaleCommandCaches() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(d -> d.getFileName().toString().startsWith(COMMAND_PREFIX))
                    .filter(d -> !isRunning(d.getFileName().toString().substring(COMMAND_PREFIX.length())))
                    .forEach(this::deleteTree);
        } catch (IOException e) {
            log.info("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isRunning(String pid) {
        return !pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                && ProcessHandle.of(Long.parseLong(pid)).isPresent();
    }

    /** Deletes a cache tree; a failure is logged, never thrown (the command's result matters more). */
    void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            log.info("cannot delete the framework cache " + root + ": " + e);
        }
    }
}
