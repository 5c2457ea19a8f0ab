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

    /**
     * As {@link #resolveProfile(Benchmark, String)} with a tailoring applied, as OpenSCAP's
     * {@code --tailoring-file} does: a tailoring profile shadows a benchmark profile of the same
     * id, its {@code extends} names another tailoring profile or a benchmark profile (its own id: the
     * benchmark's), and an abstract tailoring profile resolves too (OpenSCAP 1.3.7 evaluates it).
     *
     * @param tailoring a parsed XCCDF 1.1 or 1.2 tailoring document
     * @param profileId a profile of the tailoring or of the benchmark
     * @throws IllegalArgumentException as {@link #resolveProfile(Benchmark, String)}
     * @since 1.2
     */
    ResolvedProfile resolveProfile(Benchmark benchmark, Tailoring tailoring, String profileId);
}
