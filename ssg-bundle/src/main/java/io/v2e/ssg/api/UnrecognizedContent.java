package io.v2e.ssg.api;

/**
 * A data-stream component whose root element this parser does not model (skipped, not an error
 * inside a data stream).
 */
public record UnrecognizedContent(String namespace, String localName) implements ScapDocument {
    @Override
    public String documentType() {
        return "{" + namespace + "}" + localName;
    }
}
