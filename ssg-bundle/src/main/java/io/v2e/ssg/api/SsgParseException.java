package io.v2e.ssg.api;

import java.nio.file.Path;

/**
 * A file that could not be parsed as a whole; no partial model exists.
 * The message always names the file, and for XML errors the line and column.
 */
public class SsgParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the parse failed. */
    public enum Kind {
        /** No such file. */
        NOT_FOUND,
        /** A directory or other non-regular file. */
        NOT_A_FILE,
        /** The file exists but may not be read. */
        UNREADABLE,
        /** Zero bytes. */
        EMPTY,
        /** Not well-formed XML (including truncated files and binary data). */
        MALFORMED,
        /** A DOCTYPE or a non-predefined entity reference (DTDs and entities are refused: XXE, entity expansion). */
        DOCTYPE_REFUSED,
        /** A safety limit (nesting depth, attribute size, text size) was exceeded. */
        LIMIT_EXCEEDED,
        /** Well-formed XML whose root element is not SCAP content this parser knows. */
        UNSUPPORTED_ROOT,
        /** Well-formed SCAP whose content breaks the schema in a way the model cannot hold. */
        INVALID_CONTENT,
        /** An I/O error while reading. */
        IO
    }

    private final Kind kind;
    private final Path file;
    private final int line;
    private final int column;

    public SsgParseException(Kind kind, Path file, int line, int column, String detail, Throwable cause) {
        super(format(file, line, column, detail), cause);
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public SsgParseException(Kind kind, Path file, String detail) {
        this(kind, file, -1, -1, detail, null);
    }

    private static String format(Path file, int line, int column, String detail) {
        return line > 0 ? file + ":" + line + ":" + column + ": " + detail : file + ": " + detail;
    }

    public Kind kind() {
        return kind;
    }

    public Path file() {
        return file;
    }

    /** 1-based line of the error, or -1 when it is not about a position in the file. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, or -1. */
    public int column() {
        return column;
    }
}
