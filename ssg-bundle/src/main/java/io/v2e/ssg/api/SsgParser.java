package io.v2e.ssg.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Parses SCAP content (source data-stream collections, XCCDF 1.1/1.2 benchmarks, OVAL
 * definitions, OCIL, CPE dictionaries), detected from the root element, and resolves profiles.
 * <p>
 * Threading: implementations are thread-safe; each call parses independently.
 */
@ProviderType
public interface SsgParser {

    /** Parses with the default options (plain text only, no raw XHTML kept). */
    default ParseResult parse(Path file) throws SsgParseException {
        return parse(file, ParseOptions.DEFAULT);
    }

    /** Parses the whole file; never returns a partial model. */
    ParseResult parse(Path file, ParseOptions options) throws SsgParseException;

    /**
     * The effective rule set and values of a profile of {@code benchmark} (XCCDF selection
     * semantics, {@code extends} chains, refine-values/set-values), as OpenSCAP evaluates it.
     *
     * @param profileId a profile id, or {@code null}/empty for the benchmark defaults
     * @throws IllegalArgumentException if no such profile exists, it is abstract, or its extends chain
     *         is broken
     */
    ResolvedProfile resolveProfile(Benchmark benchmark, String profileId);
}
