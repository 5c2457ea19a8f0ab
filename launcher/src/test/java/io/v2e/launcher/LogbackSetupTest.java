package io.v2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;

class LogbackSetupTest {

    /** The header of every record in the shipped format. */
    static final Pattern RECORD = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^\\]]*\\] \\S+ - .*");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private LoggerContext context;

    @AfterEach
    void stopLogging() {
        if (context != null) {
            context.stop();
        }
    }

    private LoggerContext configure(Path config) {
        context = LogbackSetup.configure(config, dir.resolve("log"), "unit",
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return context;
    }

    private static Path shippedConfig() {
        return Path.of("../distribution/src/main/dist/etc/logback.xml").toAbsolutePath().normalize();
    }

    @Test
    void theShippedConfigurationLoadsWithoutErrorsAndWritesTheLogFile() throws Exception {
        configure(shippedConfig());
        LoggerFactory.getLogger("io.v2e.unit").info("hello");
        context.stop();
        List<String> lines = Files.readAllLines(dir.resolve("log/unit.log"));
        assertEquals("", stderr.toString(StandardCharsets.UTF_8), "no complaint about the shipped file");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(RECORD.matcher(lines.get(0)).matches(), lines.get(0));
        assertTrue(lines.get(0).endsWith(" INFO  [" + Thread.currentThread().getName() + "] io.v2e.unit - hello"), lines.get(0));
    }

    @Test
    void continuationLinesOfAMessageAndAStackTraceStartWithATab() throws Exception {
        configure(shippedConfig());
        LoggerFactory.getLogger("io.v2e.unit").warn("first\nsecond", new IllegalStateException("boom"));
        context.stop();
        List<String> lines = Files.readAllLines(dir.resolve("log/unit.log"));
        assertTrue(RECORD.matcher(lines.get(0)).matches() && lines.get(0).endsWith(" - first"), lines.toString());
        assertEquals("\tsecond", lines.get(1));
        assertEquals("\tjava.lang.IllegalStateException: boom", lines.get(2));
        assertTrue(lines.size() > 3 && lines.subList(1, lines.size()).stream().allMatch(l -> l.startsWith("\t")),
                lines.toString());
    }

    @Test
    void aConfigurationThatDoesNotParseIsReportedAndTheBuiltInDefaultLogsInstead() throws Exception {
        Path broken = Files.writeString(dir.resolve("logback.xml"), "<configuration><appender name=\"X\"");
        configure(broken);
        LoggerFactory.getLogger("io.v2e.unit").info("still logged");
        context.stop();
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("v2e: logging configuration " + broken + " is not usable"), err);
        assertTrue(err.contains("XML"), "names the parse error: " + err);
        List<String> lines = Files.readAllLines(dir.resolve("log/unit.log"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(RECORD.matcher(lines.get(0)).matches() && lines.get(0).endsWith(" - still logged"), lines.toString());
    }

    @Test
    void aMissingConfigurationIsReportedAndTheBuiltInDefaultLogsInstead() throws Exception {
        Path missing = dir.resolve("nope.xml");
        configure(missing);
        LoggerFactory.getLogger("io.v2e.unit").info("logged anyway");
        context.stop();
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("cannot read " + missing), err);
        assertTrue(Files.readString(dir.resolve("log/unit.log")).contains(" - logged anyway"));
    }
}
