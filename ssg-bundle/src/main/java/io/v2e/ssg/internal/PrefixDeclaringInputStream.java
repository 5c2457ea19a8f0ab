package io.v2e.ssg.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Declares namespace prefixes a document uses without declaring them, the way OpenSCAP gets
 * past them: libxml2 reports "Namespace prefix X ... is not defined" and reads on, while Woodstox
 * (rightly) refuses the document. The stream copies its input and adds
 * {@code xmlns:X="urn:v2e:undeclared-prefix:X"} to the root element's start tag, right after its
 * name, so an element or attribute with such a prefix lands in a namespace no reader knows (as in
 * libxml2, where it has none) and everything else reads as before. Works on ASCII-compatible
 * encodings (UTF-8, ISO-8859-*, windows-125x); the prolog before the root (declaration, comments,
 * processing instructions) is passed through untouched. Single reader, one thread.
 */
final class PrefixDeclaringInputStream extends FilterInputStream {

    static final String NAMESPACE_BASE = "urn:v2e:undeclared-prefix:";

    private enum State { PROLOG, OPEN, COMMENT_OR_DECL, PI, ROOT_NAME, DONE }

    private final byte[] declarations;
    private State state = State.PROLOG;
    private int pending = -1; // a byte read but not yet returned (the one after the root's name)
    private int injected = -1; // index in declarations while injecting
    private int last; // the previous byte, for the ends of comments and PIs

    PrefixDeclaringInputStream(InputStream in, Set<String> prefixes) {
        super(in);
        StringBuilder sb = new StringBuilder();
        for (String p : prefixes) {
            sb.append(" xmlns:").append(p).append("=\"").append(NAMESPACE_BASE).append(p).append('"');
        }
        this.declarations = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int read() throws IOException {
        if (injected >= 0) {
            if (injected < declarations.length) {
                return declarations[injected++] & 0xff;
            }
            injected = -1;
            state = State.DONE;
            int b = pending;
            pending = -1;
            return b;
        }
        int b = in.read();
        if (b < 0 || state == State.DONE) {
            return b;
        }
        if (b == 0) { // UTF-16 or UTF-32: not ASCII-compatible, leave the document as it is
            state = State.DONE;
            return b;
        }
        switch (state) {
            case PROLOG -> {
                if (b == '<') {
                    state = State.OPEN;
                }
            }
            case OPEN -> state = b == '!' ? State.COMMENT_OR_DECL : b == '?' ? State.PI : State.ROOT_NAME;
            case COMMENT_OR_DECL -> {
                if (b == '>' && last == '-') { // end of a comment (a DOCTYPE is refused later anyway)
                    state = State.PROLOG;
                }
            }
            case PI -> {
                if (b == '>' && last == '?') {
                    state = State.PROLOG;
                }
            }
            case ROOT_NAME -> {
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '>' || b == '/') {
                    pending = b;
                    injected = 0;
                    last = b;
                    return read();
                }
            }
            default -> {
            }
        }
        last = b;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (state == State.DONE && injected < 0) {
            return in.read(buffer, offset, length);
        }
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length && !(state == State.DONE && injected < 0)) {
            int b = read();
            if (b < 0) {
                return n == 0 ? -1 : n;
            }
            buffer[offset + n++] = (byte) b;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
