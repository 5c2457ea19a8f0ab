package io.v2e.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the launcher reads at boot: {@code conf/framework.properties} with {@code ${...}}
 * placeholders resolved, overlaid by JVM system properties ({@code -Dkey=value}) for the same keys
 * or any key with a framework prefix. All keys go to the framework as its configuration; the
 * {@code v2e.*} keys also steer the launcher itself.
 */
final class LauncherSettings {

    static final String HOME = "v2e.home";
    static final String STORAGE = "org.osgi.framework.storage";
    static final String BUNDLE_DIR = "v2e.bundle.dir";
    static final String LOG_DIR = "v2e.log.dir";
    static final String START_FIRST = "v2e.start.first";
    static final String START_LAST = "v2e.start.last";
    static final String SHELL_BUNDLES = "v2e.shell.bundles";
    static final String COMMAND_WAIT_MS = "v2e.command.wait.ms";
    static final String COMMAND_SETTLE_MS = "v2e.command.settle.ms";
    static final String COMMAND_READY_CONDITION = "v2e.command.ready.condition";
    static final String STOP_WAIT_MS = "v2e.stop.wait.ms";

    /** System properties with these prefixes reach the framework even when the file lacks the key. */
    private static final List<String> PASS_THROUGH_PREFIXES =
            List.of("v2e.", "felix.", "org.osgi.", "ds.", "gosh.", "obr.");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_NESTING = 10;

    private final Path home;
    private final Map<String, String> properties;

    private LauncherSettings(Path home, Map<String, String> properties) {
        this.home = home;
        this.properties = properties;
    }

    /** Reads {@code conf/framework.properties} under {@code home}; a missing file is an error. */
    static LauncherSettings load(Path home, Properties system) throws IOException {
        Path file = home.resolve("conf").resolve("framework.properties");
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file + " (is v2e.home=" + home + " a v2e distribution?)");
        }
        Properties fromFile = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            fromFile.load(in);
        }
        return of(home, fromFile, system);
    }

    static LauncherSettings of(Path home, Properties fromFile, Properties system) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String key : fromFile.stringPropertyNames()) {
            raw.put(key, system.getProperty(key, fromFile.getProperty(key)));
        }
        for (String key : system.stringPropertyNames()) {
            if (PASS_THROUGH_PREFIXES.stream().anyMatch(key::startsWith)) {
                raw.put(key, system.getProperty(key));
            }
        }
        raw.put(HOME, home.toString());
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            resolved.put(e.getKey(), resolve(e.getKey(), e.getValue(), raw, system));
        }
        return new LauncherSettings(home, resolved);
    }

    private static String resolve(String key, String value, Map<String, String> raw, Properties system) {
        String current = value;
        for (int depth = 0; depth < MAX_NESTING; depth++) {
            Matcher m = PLACEHOLDER.matcher(current);
            if (!m.find()) {
                return current;
            }
            StringBuilder out = new StringBuilder();
            do {
                String name = m.group(1);
                String replacement = raw.containsKey(name) ? raw.get(name) : system.getProperty(name);
                if (replacement == null) {
                    throw new IllegalArgumentException("conf/framework.properties: " + key + " refers to ${"
                            + name + "}, which is neither a key of the file nor a system property");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            } while (m.find());
            m.appendTail(out);
            current = out.toString();
        }
        throw new IllegalArgumentException("conf/framework.properties: " + key + " nests ${...} deeper than "
                + MAX_NESTING + " levels (a cycle?)");
    }

    Path home() {
        return home;
    }

    /** A copy of all properties, to hand to the framework. */
    Map<String, String> frameworkProperties() {
        return new LinkedHashMap<>(properties);
    }

    String get(String key) {
        return properties.get(key);
    }

    Path path(String key, String fallbackUnderHome) {
        String v = properties.get(key);
        return v == null || v.isBlank() ? home.resolve(fallbackUnderHome) : home.resolve(v.trim());
    }

    Path bundleDir() {
        return path(BUNDLE_DIR, "bundle");
    }

    Path logDir() {
        return path(LOG_DIR, "log");
    }

    Path storage() {
        return path(STORAGE, "run/cache");
    }

    /** Comma-separated symbolic names, in order; empty list when unset. */
    List<String> list(String key) {
        String v = properties.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : Arrays.asList(v.split(","))) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    Duration millis(String key, long fallback) {
        String v = properties.get(key);
        if (v == null || v.isBlank()) {
            return Duration.ofMillis(fallback);
        }
        try {
            long ms = Long.parseLong(v.trim());
            if (ms < 0) {
                throw new NumberFormatException("negative");
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds >= 0, was '" + v + "'");
        }
    }

    /** The same settings with one key replaced (used to give a one-shot command its own cache). */
    LauncherSettings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(key, value);
        return new LauncherSettings(home, copy);
    }
}
