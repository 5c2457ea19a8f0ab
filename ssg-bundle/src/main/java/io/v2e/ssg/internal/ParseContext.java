package io.v2e.ssg.internal;

import java.util.HashMap;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLStreamReader2;

import io.v2e.ssg.api.Text;

/**
 * Cursor over one document's StAX events plus the counters of one parse. Confined to the parsing
 * thread. Invariant: every read method is entered on a START_ELEMENT and returns with the reader on
 * that element's END_ELEMENT, so {@link #nextChild()} can tell a child from the parent's end.
 */
final class ParseContext {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    final XMLStreamReader2 reader;
    final boolean keepXhtml;

    long elements;
    int rules;
    int groups;
    int values;
    int profiles;
    int ovalDefinitions;
    int ocilQuestionnaires;
    int cpeItems;

    /** Reused for every text read; texts are copied out as Strings. */
    private final StringBuilder plain = new StringBuilder(256);
    private final StringBuilder raw = new StringBuilder(256);
    /** Repeated short attribute values (systems, severities...) share one String. */
    private final Map<String, String> shared = new HashMap<>();

    ParseContext(XMLStreamReader2 reader, boolean keepXhtml) {
        this.reader = reader;
        this.keepXhtml = keepXhtml;
    }

    int next() throws XMLStreamException {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
            elements++;
        } else if (event == XMLStreamConstants.DTD) {
            throw new DoctypeRefusedException();
        }
        return event;
    }

    /** Advances to the next child START_ELEMENT (true) or the current element's END_ELEMENT (false). */
    boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    String localName() {
        return reader.getLocalName();
    }

    String namespace() {
        String ns = reader.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    boolean in(String namespace) {
        return namespace.equals(reader.getNamespaceURI());
    }

    /** An unqualified attribute, or "" when absent. */
    String attr(String name) {
        String v = reader.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    String attr(String namespace, String name) {
        String v = reader.getAttributeValue(namespace, name);
        return v == null ? "" : v;
    }

    /** An attribute whose few distinct values repeat often: one String per distinct value. */
    String sharedAttr(String name) {
        String v = reader.getAttributeValue(null, name);
        return v == null ? "" : shared(v);
    }

    String shared(String v) {
        String s = shared.putIfAbsent(v, v);
        return s == null ? v : s;
    }

    boolean booleanAttr(String name, boolean absent) {
        String v = reader.getAttributeValue(null, name);
        if (v == null) {
            return absent;
        }
        v = v.trim();
        return v.equals("true") || v.equals("1");
    }

    /** Skips the current element and everything in it. */
    void skip() throws XMLStreamException {
        int depth = 0;
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT && depth-- == 0) {
                return;
            }
        }
    }

    /** The text of the current element and its descendants, trimmed. */
    String text() throws XMLStreamException {
        plain.setLength(0);
        int depth = 0;
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        plain.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth-- == 0) {
                        return trimmed(plain);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * XHTML (or XCCDF text with {@code sub}) content as plain text, and its raw markup when asked.
     * {@code br} becomes a newline, the ends of block elements (p, li, div, pre...) a line break;
     * all text (code and pre included) is kept as written.
     */
    Text richText() throws XMLStreamException {
        plain.setLength(0);
        raw.setLength(0);
        int depth = 0;
        boolean emptyStart = false;
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    char[] chars = reader.getTextCharacters();
                    int start = reader.getTextStart();
                    int length = reader.getTextLength();
                    plain.append(chars, start, length);
                    if (keepXhtml) {
                        escape(chars, start, length);
                    }
                    emptyStart = false;
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String local = reader.getLocalName();
                    if (local.equals("br") && in(XHTML)) {
                        plain.append('\n');
                    }
                    emptyStart = reader.isEmptyElement();
                    if (keepXhtml) {
                        writeStartTag(emptyStart);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth-- == 0) {
                        return new Text(trimmed(plain), keepXhtml ? raw.toString() : "");
                    }
                    if (isBlock(reader.getLocalName()) && in(XHTML)) {
                        lineBreak();
                    }
                    if (keepXhtml && !emptyStart) {
                        raw.append("</").append(qualifiedName()).append('>');
                    }
                    emptyStart = false;
                }
                default -> {
                }
            }
        }
    }

    private static boolean isBlock(String local) {
        switch (local) {
            case "p", "li", "div", "pre", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table":
                return true;
            default:
                return false;
        }
    }

    private void lineBreak() {
        int n = plain.length();
        if (n > 0 && plain.charAt(n - 1) != '\n') {
            plain.append('\n');
        }
    }

    private String qualifiedName() {
        String prefix = reader.getPrefix();
        return prefix == null || prefix.isEmpty() ? reader.getLocalName() : prefix + ':' + reader.getLocalName();
    }

    private void writeStartTag(boolean empty) {
        raw.append('<').append(qualifiedName());
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            String prefix = reader.getAttributePrefix(i);
            raw.append(' ');
            if (prefix != null && !prefix.isEmpty()) {
                raw.append(prefix).append(':');
            }
            raw.append(reader.getAttributeLocalName(i)).append("=\"");
            String v = reader.getAttributeValue(i);
            escape(v.toCharArray(), 0, v.length());
            raw.append('"');
        }
        raw.append(empty ? "/>" : ">");
    }

    private void escape(char[] chars, int start, int length) {
        for (int i = start, end = start + length; i < end; i++) {
            char c = chars[i];
            switch (c) {
                case '&' -> raw.append("&amp;");
                case '<' -> raw.append("&lt;");
                case '>' -> raw.append("&gt;");
                case '"' -> raw.append("&quot;");
                default -> raw.append(c);
            }
        }
    }

    private static String trimmed(StringBuilder sb) {
        int start = 0;
        int end = sb.length();
        while (start < end && sb.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && sb.charAt(end - 1) <= ' ') {
            end--;
        }
        return sb.substring(start, end);
    }

    /** A DOCTYPE was met: refused before any declaration in it is used. */
    static final class DoctypeRefusedException extends XMLStreamException {
        private static final long serialVersionUID = 1L;

        DoctypeRefusedException() {
            super("DOCTYPE refused: DTDs and entity declarations are not allowed in SCAP content");
        }
    }
}
