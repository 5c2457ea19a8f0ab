package io.v2e.ssg.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.v2e.ssg.api.SsgParseException;

/**
 * Rewrites a parse failure for a broker client: the file, the position and the kind of problem,
 * but none of the parser's detail, which can quote the file (Woodstox: "Unexpected character 'r'").
 * The original goes to the log for the operator.
 */
final class ContentFreeErrors {

    private ContentFreeErrors() {
    }

    static SsgParseException of(SsgParseException e, Logger log) {
        String detail = switch (e.kind()) {
            case NOT_FOUND -> "no such file";
            case NOT_A_FILE -> "not a regular file";
            case UNREADABLE -> "not readable";
            case EMPTY -> "empty file";
            case MALFORMED -> "malformed XML";
            case DOCTYPE_REFUSED -> "DOCTYPE or entity reference refused";
            case UNSUPPORTED_ROOT -> "unsupported document root";
            case INVALID_CONTENT -> "invalid SCAP content";
            case LIMIT_EXCEEDED -> "a safety limit was exceeded";
            case IO -> "I/O error";
        };
        log.log(Level.INFO, "ssg endpoint: " + e.getMessage());
        return new SsgParseException(e.kind(), e.file(), e.line(), e.column(), detail, null);
    }
}
