package io.v2e.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void badRateIsAClearErrorNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSettings.of(0, 1, 0, 1, 1));
        assertEquals("--rate must be in (0, 100000000] messages/s, was 0.0", e.getMessage());
    }

    @Test
    void zeroRepeatsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSettings.of(1000, 1, 0, 0, 1));
        assertEquals("--repeats must be in [1, 1000], was 0", e.getMessage());
    }

    @Test
    void negativeWarmupIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSettings.of(1000, 1, -1, 1, 1));
        assertEquals("--warmup must be in [0, 600], was -1.0", e.getMessage());
    }

    @Test
    void commandLineReproducesTheSettings() {
        assertEquals("bench:broker --rate 200000 --seconds 1.5 --warmup 0.5 --repeats 3 --drain 3.0",
                BenchSettings.of(200_000, 1.5, 0.5, 3, 3).commandLine());
    }
}
