package io.v2e.ssg.api;

/**
 * How to parse.
 *
 * @param keepXhtml keep the raw XHTML markup of every text next to its plain text (more memory)
 */
public record ParseOptions(boolean keepXhtml) {
    public static final ParseOptions DEFAULT = new ParseOptions(false);
    public static final ParseOptions WITH_XHTML = new ParseOptions(true);
}
