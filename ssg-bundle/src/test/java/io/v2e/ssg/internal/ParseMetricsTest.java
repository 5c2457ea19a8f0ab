package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.config.internal.TypedConfig;
import io.v2e.metrics.api.Metric;
import io.v2e.ssg.api.SsgParseException;

/** The parser's metrics source counts what went through the service: files, their bytes, time and refusals. */
class ParseMetricsTest {

    private static Map<String, Double> values(SsgParserComponent c) {
        return c.metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
    }

    @Test
    void parsesAndRefusalsAreCountedWithTheFilesBytes(@TempDir Path dir) throws Exception {
        SsgParserComponent c = new SsgParserComponent();
        c.configure(TypedConfig.of(SsgParserComponent.Config.class, Map.of()), Map.of());
        Path oval = Fixtures.path("/fixtures/oval.xml");
        Path ocil = Fixtures.path("/fixtures/ocil.xml");
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<not-closed>");
        long okParses = c.parse(oval).statistics().elapsedNanos() + c.parse(ocil).statistics().elapsedNanos();
        assertThrows(SsgParseException.class, () -> c.parse(bad));
        Map<String, Double> v = values(c);
        assertEquals(2, v.get("files_parsed_total"));
        assertEquals(Files.size(oval) + Files.size(ocil), v.get("parsed_bytes_total"));
        assertEquals(okParses / 1e9, v.get("parse_seconds_total"), 1e-12);
        assertEquals(1, v.get("parse_errors_total"));
    }
}
