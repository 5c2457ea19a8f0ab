package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.config.internal.TypedConfig;

/** The ssg components' configurations: snake_case keys, a bad value refused with its key, never a dead component. */
class SsgConfigTest {

    private static SsgParserComponent configured(SsgParserComponent c, Map<String, Object> props) {
        c.configure(TypedConfig.of(SsgParserComponent.Config.class, props), props);
        return c;
    }

    @Test
    void parserTakesItsSettingsFromSnakeCaseKeys() {
        SsgParserComponent c = configured(new SsgParserComponent(), Map.of("window_size", "4096", "drop_page_cache", "true",
                "max_depth", "50", "max_attribute_size", "100", "max_text_length", "200"));
        assertEquals(new ParserSettings(4096, true, 50, 100, 200), c.settings());
        assertNull(c.lastRejection());
    }

    @Test
    void maxDecompressedSizeIsReadFromItsKeyAndDefaultsToOneGibibyte() {
        assertEquals(1L << 30, configured(new SsgParserComponent(), Map.of()).settings().maxDecompressedSize());
        assertEquals(5_000_000_000L, configured(new SsgParserComponent(), Map.of("max_decompressed_size", "5000000000"))
                .settings().maxDecompressedSize());
    }

    @Test
    void maxDecompressedSizeBelowOneIsRejectedNamingTheKey() {
        SsgParserComponent c = configured(new SsgParserComponent(), Map.of("max_decompressed_size", "0"));
        assertEquals(ParserSettings.DEFAULT, c.settings());
        assertEquals("max_decompressed_size must be at least 1, was 0", c.lastRejection());
    }

    @Test
    void parserKeepsThePreviousSettingsWhenANewConfigurationIsBad() {
        SsgParserComponent c = configured(new SsgParserComponent(), Map.of("window_size", "4096"));
        configured(c, Map.of("window_size", "4 KiB"));
        assertEquals(4096, c.settings().windowSize());
        assertEquals("window_size must be a whole number, was '4 KiB'", c.lastRejection());
    }

    @Test
    void parserStartsOnTheDefaultsWhenTheFirstConfigurationIsBad() {
        SsgParserComponent c = configured(new SsgParserComponent(), Map.of("max_text_length", "-1"));
        assertEquals(ParserSettings.DEFAULT, c.settings());
        assertEquals("max_text_length must be at least 1, was -1", c.lastRejection());
    }

    @Test
    void aGoodConfigurationClearsTheRejection() {
        SsgParserComponent c = configured(new SsgParserComponent(), Map.of("max_depth", "zero"));
        configured(c, Map.of("max_depth", "7"));
        assertEquals(7, c.settings().maxDepth());
        assertNull(c.lastRejection());
    }

    private static SsgEndpointComponent endpoint(Map<String, Object> props) {
        return new SsgEndpointComponent(Fixtures.parser(), TypedConfig.of(SsgEndpointComponent.Config.class, props), props);
    }

    @Test
    void endpointTakesCacheEntriesFromItsSnakeCaseKey() {
        assertEquals(3, endpoint(Map.of("cache_entries", "3")).cacheCapacity());
    }

    @Test
    void endpointRefusesCacheEntriesBelowOneAndUsesTheDefault() {
        assertEquals(SsgEndpointComponent.DEFAULT_CACHE_ENTRIES, endpoint(Map.of("cache_entries", "0")).cacheCapacity());
    }

    @Test
    void endpointRefusesTextThatIsNoNumberAndUsesTheDefault() {
        assertEquals(SsgEndpointComponent.DEFAULT_CACHE_ENTRIES, endpoint(Map.of("cache_entries", "many")).cacheCapacity());
    }
}
