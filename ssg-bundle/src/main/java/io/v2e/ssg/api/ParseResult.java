package io.v2e.ssg.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A whole parsed file.
 *
 * @param file       the file parsed
 * @param document   its content (the root element decides the type)
 * @param statistics how the parse went (bytes, time, counts, kernel advice outcomes)
 */
public record ParseResult(Path file, ScapDocument document, ParseStatistics statistics) {
    public ParseResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(statistics, "statistics");
    }
}
