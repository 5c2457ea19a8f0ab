package io.v2e.ssg.api;

/**
 * A text that may hold XHTML markup.
 *
 * @param plain plain text: entities decoded, {@code <br/>} as a newline, code/pre text kept,
 *              other markup dropped, surrounding whitespace trimmed
 * @param xhtml the raw inner markup when {@link ParseOptions#keepXhtml()} was asked, else empty
 */
public record Text(String plain, String xhtml) {
    public static final Text EMPTY = new Text("", "");

    public Text {
        plain = plain == null ? "" : plain;
        xhtml = xhtml == null ? "" : xhtml;
    }

    @Override
    public String toString() {
        return plain;
    }
}
