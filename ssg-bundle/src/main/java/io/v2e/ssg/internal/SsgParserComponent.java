package io.v2e.ssg.internal;

import java.nio.file.Path;

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

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.ParseOptions;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * The {@link SsgParser} service. The tuning provider is optional, dynamic and greedy: the parser
 * works without one and switches to a better-ranked one as soon as it appears; each parse reads the
 * provider bound at its start.
 */
@Component(service = SsgParser.class, configurationPid = SsgParserComponent.PID)
@Designate(ocd = SsgParserComponent.Config.class)
public final class SsgParserComponent implements SsgParser {

    public static final String PID = "io.v2e.ssg.parser";

    @ObjectClassDefinition(name = "v2e SSG parser", description = "Streaming SCAP content parser on memory-mapped files.")
    public @interface Config {
        @AttributeDefinition(description = "Bytes mapped at a time; files larger than this are read through successive windows.")
        int window_size() default 1 << 30;

        @AttributeDefinition(description = "After each parse, evict the file from the page cache (posix_fadvise DONTNEED). Off by default: re-reading a file then costs disk reads.")
        boolean drop_page_cache() default false;

        @AttributeDefinition(description = "Maximum element nesting depth; deeper documents are refused.")
        int max_depth() default 1000;

        @AttributeDefinition(description = "Maximum attribute value length in characters.")
        int max_attribute_size() default 1 << 20;

        @AttributeDefinition(description = "Maximum length of one text node in characters.")
        int max_text_length() default 64 << 20;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TuningProvider tuning;

    private volatile WoodstoxSsgParser parser;

    @Activate
    @Modified
    void configure(Config config) {
        parser = new WoodstoxSsgParser(() -> tuning, new ParserSettings(config.window_size(),
                config.drop_page_cache(), config.max_depth(), config.max_attribute_size(), config.max_text_length()));
    }

    @Override
    public ParseResult parse(Path file, ParseOptions options) throws SsgParseException {
        return parser.parse(file, options);
    }

    @Override
    public ResolvedProfile resolveProfile(Benchmark benchmark, String profileId) {
        return parser.resolveProfile(benchmark, profileId);
    }
}
