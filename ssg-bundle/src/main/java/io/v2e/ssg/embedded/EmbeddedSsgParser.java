package io.v2e.ssg.embedded;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;
import io.v2e.ssg.api.SsgParser;
import io.v2e.ssg.internal.ParserSettings;
import io.v2e.ssg.internal.SsgParserComponent;
import io.v2e.ssg.internal.VendoredSample;
import io.v2e.ssg.internal.WoodstoxSsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * The real SSG parser created without OSGi. Its configuration is a map with the keys and values of
 * {@code etc/io.v2e.ssg.parser.cfg} ({@code window_size}, {@code drop_page_cache}, {@code max_depth},
 * {@code max_attribute_size}, {@code max_text_length}, {@code max_decompressed_size}; absent keys take the shipped defaults),
 * validated as the container validates them, and an unknown key is refused too (a typo would
 * otherwise silently leave a default). Threading: the parser is thread-safe.
 */
public final class EmbeddedSsgParser {

    private EmbeddedSsgParser() {
    }

    /**
     * Creates a parser.
     *
     * @param config settings as in etc/io.v2e.ssg.parser.cfg (values as text or as numbers/booleans)
     * @param tuning asked for the provider at each parse (kernel hints); may supply null for none
     * @throws IllegalArgumentException naming the first bad or unknown setting
     */
    public static SsgParser create(Map<String, ?> config, Supplier<TuningProvider> tuning) {
        Set<String> known = new TreeSet<>();
        for (Method m : SsgParserComponent.Config.class.getDeclaredMethods()) {
            known.add(ConfigCheck.keyOf(m.getName()));
        }
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", known) + ")");
            }
        }
        ConfigCheck.check(SsgParserComponent.Config.class, config);
        return new WoodstoxSsgParser(tuning, ParserSettings.of(TypedConfig.of(SsgParserComponent.Config.class, config)));
    }

    /** As {@link #create(Map, Supplier)} with one provider for every parse (or null for none). */
    public static SsgParser create(Map<String, ?> config, TuningProvider tuning) {
        return create(config, () -> tuning);
    }

    /**
     * The vendored sample data stream ({@code ssg-chromium-ds.xml} from Debian's ssg-applications,
     * BSD-3-Clause) as a file: itself when the bundle's resources are on the file system, else a
     * copy in a new temporary directory (deleted at JVM exit).
     */
    public static Path vendoredSample() throws IOException {
        return VendoredSample.asFile();
    }
}
