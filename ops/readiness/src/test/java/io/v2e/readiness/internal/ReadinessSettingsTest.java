package io.v2e.readiness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReadinessSettingsTest {

    @Test
    void commaSeparatedNamesInOneValueAreSeparateNames() {
        ReadinessSettings s = ReadinessSettings.of(config(new String[] {"a, b", "c"}, new String[] {"ssg,demo"}, 50));
        assertEquals(List.of("a", "b", "c"), s.components());
        assertEquals(List.of("ssg", "demo"), s.endpoints());
    }

    @Test
    void blankNamesAreIgnored() {
        ReadinessSettings s = ReadinessSettings.of(config(new String[] {""}, new String[] {" , "}, 50));
        assertEquals(List.of(), s.components());
        assertEquals(List.of(), s.endpoints());
    }

    @Test
    void intervalOutOfRangeIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadinessSettings.of(config(new String[0], new String[0], 0)));
        assertEquals("check_interval_ms = 0: accepted 1..10000", e.getMessage());
    }

    private static ReadinessConfig config(String[] components, String[] endpoints, int interval) {
        return new ReadinessConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ReadinessConfig.class;
            }

            @Override
            public String[] required__components() {
                return components;
            }

            @Override
            public String[] required__endpoints() {
                return endpoints;
            }

            @Override
            public int check__interval__ms() {
                return interval;
            }
        };
    }
}
