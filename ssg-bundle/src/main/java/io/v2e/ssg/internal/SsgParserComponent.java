package io.v2e.ssg.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.v2e.config.internal.ConfigCheck;
import io.v2e.metrics.api.Metric;
import io.v2e.metrics.api.MetricsSource;
import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.ParseOptions;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Tailoring;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * The {@link SsgParser} service. The tuning provider is optional, dynamic and greedy: the parser
 * works without one and switches to a better-ranked one as soon as it appears; each parse reads the
 * provider bound at its start. Also the metrics source {@value ParseCounters#SOURCE}: files, bytes,
 * time and errors of every parse through this service.
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
@Component(service = {SsgParser.class, MetricsSource.class}, configurationPid = SsgParserComponent.PID,
        property = MetricsSource.SOURCE + "=" + ParseCounters.SOURCE)
@Designate(ocd = SsgParserComponent.Config.class)
public final class SsgParserComponent implements SsgParser, MetricsSource {

    public static final String PID = "io.v2e.ssg.parser";

    /**
     * The parser's configuration (file etc/io.v2e.ssg.parser.cfg). Method names with a double
     * underscore map to keys with one ({@code window__size} is {@code window_size}), per DS.
     */
    @ObjectClassDefinition(name = "v2e SSG parser", description = "Streaming SCAP content parser on memory-mapped files."
            + " A bad value is rejected (logged) and the previous configuration stays in force (at start, the defaults).")
    public @interface Config {
        @AttributeDefinition(name = "window_size", description = "Bytes mapped at a time (>= 1, default 1 GiB); "
                + "files larger than this are read through successive windows.")
        int window__size() default 1 << 30;

        @AttributeDefinition(name = "drop_page_cache", description = "After each parse, evict the file from the page cache "
                + "(posix_fadvise DONTNEED). Off by default: re-reading a file then costs disk reads.")
        boolean drop__page__cache() default false;

        @AttributeDefinition(name = "max_depth", description = "Maximum element nesting depth (>= 1); deeper documents are refused.")
        int max__depth() default 1000;

        @AttributeDefinition(name = "max_attribute_size", description = "Maximum attribute value length in characters (>= 1).")
        int max__attribute__size() default 1 << 20;

        @AttributeDefinition(name = "max_text_length", description = "Maximum length of one text node in characters (>= 1).")
        int max__text__length() default 64 << 20;

        @AttributeDefinition(name = "max_decompressed_size", description = "Maximum bytes a compressed file (.xml.bz2) "
                + "may decompress to (>= 1, default 1 GiB); beyond it the parse is refused (decompression bomb).")
        long max__decompressed__size() default 1L << 30;
    }

    private static final Logger LOG = System.getLogger("io.v2e.ssg");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TuningProvider tuning;

    private volatile WoodstoxSsgParser parser;
    private final ParseCounters counters = new ParseCounters();
    private volatile String lastRejection;

    @Activate
    @Modified
    void configure(Config config, Map<String, Object> props) {
        try {
            ConfigCheck.check(Config.class, props);
            parser = new WoodstoxSsgParser(() -> tuning, ParserSettings.of(config));
            lastRejection = null;
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            lastRejection = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.log(Level.WARNING, PID + ": configuration rejected, " + (parser == null ? "using the defaults" :
                    "the previous one stays") + ": " + lastRejection);
            if (parser == null) {
                parser = new WoodstoxSsgParser(() -> tuning, ParserSettings.DEFAULT);
            }
        }
    }

    /** Why the last configuration was refused, or null when it was accepted. */
    String lastRejection() {
        return lastRejection;
    }

    /** The settings in force. */
    ParserSettings settings() {
        return parser.settings();
    }

    @Override
    public ParseResult parse(Path file, ParseOptions options) throws SsgParseException {
        ParseResult result;
        try {
            result = parser.parse(file, options);
        } catch (SsgParseException e) {
            counters.failed();
            throw e;
        }
        counters.parsed(result.statistics());
        return result;
    }

    @Override
    public List<Metric> metrics() {
        return counters.metrics();
    }

    @Override
    public ResolvedProfile resolveProfile(Benchmark benchmark, String profileId) {
        return parser.resolveProfile(benchmark, profileId);
    }

    @Override
    public ResolvedProfile resolveProfile(Benchmark benchmark, Tailoring tailoring, String profileId) {
        return parser.resolveProfile(benchmark, tailoring, profileId);
    }
}
