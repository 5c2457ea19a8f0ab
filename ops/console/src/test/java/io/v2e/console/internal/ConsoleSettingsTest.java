package io.v2e.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    @Test
    void valuesInsideTheRangesAreKept() {
        assertEquals(200, new ConsoleSettings(200, 3_600, 30_000).refreshMillis());
    }

    @Test
    void aValueOutsideItsRangeIsRefusedWithTheKeyAndRange() {
        assertEquals("refresh_ms = 199 is outside 200..60000",
                assertThrows(IllegalArgumentException.class, () -> new ConsoleSettings(199, 120, 1000)).getMessage());
        assertEquals("plot_points = 1 is outside 2..3600",
                assertThrows(IllegalArgumentException.class, () -> new ConsoleSettings(1000, 1, 1000)).getMessage());
        assertEquals("transport_timeout_ms = 30001 is outside 50..30000",
                assertThrows(IllegalArgumentException.class, () -> new ConsoleSettings(1000, 120, 30_001)).getMessage());
    }
}
