package io.v2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    private static final Path HOME = Path.of("/opt/v2e");

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void placeholdersResolveAgainstHomeOtherKeysAndSystemProperties() {
        LauncherSettings s = LauncherSettings.of(HOME,
                props("org.osgi.framework.storage", "${v2e.home}/run/cache",
                        "felix.fileinstall.dir", "${v2e.home}/deploy,${etc.dir}",
                        "etc.dir", "${v2e.home}/etc",
                        "where", "${user.name}"),
                props("user.name", "alice"));
        assertEquals("/opt/v2e/run/cache", s.get("org.osgi.framework.storage"));
        assertEquals("/opt/v2e/deploy,/opt/v2e/etc", s.get("felix.fileinstall.dir"));
        assertEquals("alice", s.get("where"));
        assertEquals(Path.of("/opt/v2e/run/cache"), s.storage());
    }

    @Test
    void systemPropertyOverridesTheFileAndFrameworkPrefixesPassThrough() {
        LauncherSettings s = LauncherSettings.of(HOME, props("felix.fileinstall.poll", "500"),
                props("felix.fileinstall.poll", "100", "ds.loglevel", "debug", "java.vendor", "x"));
        assertEquals("100", s.get("felix.fileinstall.poll"));
        assertEquals("debug", s.get("ds.loglevel"));
        assertEquals(null, s.get("java.vendor"));
        assertEquals("/opt/v2e", s.frameworkProperties().get("v2e.home"));
    }

    @Test
    void unknownPlaceholderIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.of(HOME, props("a", "${nowhere}/x"), new Properties()));
        assertTrue(e.getMessage().contains("a refers to ${nowhere}"), e.getMessage());
    }

    @Test
    void cyclicPlaceholdersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.of(HOME, props("a", "${b}", "b", "${a}"), new Properties()));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void listsAndDurationsParse() {
        LauncherSettings s = LauncherSettings.of(HOME,
                props("v2e.start.first", " x , y,,z ", "v2e.command.wait.ms", "250", "bad.ms", "-1"),
                new Properties());
        assertEquals(List.of("x", "y", "z"), s.list("v2e.start.first"));
        assertEquals(List.of(), s.list("v2e.start.last"));
        assertEquals(Duration.ofMillis(250), s.millis("v2e.command.wait.ms", 1));
        assertEquals(Duration.ofMillis(7), s.millis("missing.ms", 7));
        assertThrows(IllegalArgumentException.class, () -> s.millis("bad.ms", 1));
    }

    @Test
    void relativeDirectoriesAreUnderHome() {
        LauncherSettings s = LauncherSettings.of(HOME, props("v2e.bundle.dir", "boot"), new Properties());
        assertEquals(Path.of("/opt/v2e/boot"), s.bundleDir());
        assertEquals(Path.of("/opt/v2e/log"), s.logDir());
    }
}
