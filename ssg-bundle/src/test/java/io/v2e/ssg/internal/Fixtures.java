package io.v2e.ssg.internal;

import java.net.URISyntaxException;
import java.nio.file.Path;

import io.v2e.ssg.api.ParseOptions;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.tuning.noop.internal.NoopTuningProvider;

/** Test fixtures on the classpath and a parser bound to the noop provider. */
final class Fixtures {

    static final NoopTuningProvider NOOP = new NoopTuningProvider();

    private Fixtures() {
    }

    static WoodstoxSsgParser parser() {
        return new WoodstoxSsgParser(() -> NOOP, ParserSettings.DEFAULT);
    }

    static Path path(String resource) {
        try {
            return Path.of(Fixtures.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vendored data stream (ssg-applications, BSD-3-Clause; license next to it). */
    static Path sample() {
        try {
            return VendoredSample.asFile();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T extends ScapDocument> T parse(String fixture, Class<T> type) throws SsgParseException {
        return type.cast(parser().parse(path("/fixtures/" + fixture)).document());
    }

    static ParseResult parse(String fixture, ParseOptions options) throws SsgParseException {
        return parser().parse(path("/fixtures/" + fixture), options);
    }
}
