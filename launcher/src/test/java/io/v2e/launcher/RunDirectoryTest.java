package io.v2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path home;

    @Test
    void staleCommandCachesGoAndTheLiveOnesAndTheContainerCacheStay() throws Exception {
        Properties file = new Properties();
        file.setProperty("org.osgi.framework.storage", "${v2e.home}/run/cache");
        LauncherSettings settings = LauncherSettings.of(home, file, new Properties());
        try (BootLog log = BootLog.start(settings, "test", false)) {
            RunDirectory run = new RunDirectory(settings, log);
            long self = ProcessHandle.current().pid();
            long dead = deadPid();
            Path live = Files.createDirectories(run.commandCache(self).resolve("bundle1"));
            Path stale = Files.createDirectories(run.commandCache(dead).resolve("bundle1/data"));
            Files.writeString(stale.resolve("f"), "x");
            Path containerCache = Files.createDirectories(home.resolve("run/cache"));

            run.deleteStaleCommandCaches();

            assertFalse(Files.exists(run.commandCache(dead)), "cache of dead pid " + dead + " removed");
            assertTrue(Files.isDirectory(live), "cache of this running process kept");
            assertTrue(Files.isDirectory(containerCache), "the container's cache is not a command cache");
            assertEquals(home.resolve("run/container.lock"), run.lockFile());
        }
    }

    /** A pid that no process has now: one past the highest pid seen, checked. */
    private static long deadPid() {
        long candidate = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1000;
        while (ProcessHandle.of(candidate).isPresent()) {
            candidate++;
        }
        return candidate;
    }
}
