package io.v2e.ssg.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

import com.ctc.wstx.exc.WstxLazyException;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.ParseOptions;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Tailoring;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParseException.Kind;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.TuningProvider;

/**
 * The parser: maps the file read-only in windows, streams it through Woodstox and builds the model.
 * Thread-safe: the factory is configured once (on first use) and only used to create readers; each
 * parse has its own reader, stream and context.
 */
public final class WoodstoxSsgParser implements SsgParser {

    private final Supplier<TuningProvider> tuning;
    private final ParserSettings settings;
    /** Built on first use: loading Woodstox at activation would slow the container's start. */
    private volatile XMLInputFactory2 factory;

    /** @param tuning the provider to ask for kernel hints at each parse; may supply null */
    public WoodstoxSsgParser(Supplier<TuningProvider> tuning, ParserSettings settings) {
        this.tuning = tuning;
        this.settings = settings;
    }

    /** The tunables this parser was created with. */
    public ParserSettings settings() {
        return settings;
    }

    private XMLInputFactory2 factory() {
        XMLInputFactory2 f = factory;
        if (f == null) {
            synchronized (this) {
                f = factory;
                if (f == null) {
                    f = SafeXmlFactory.create(settings.maxDepth(), settings.maxAttributeSize(), settings.maxTextLength());
                    factory = f;
                }
            }
        }
        return f;
    }

    /** Undeclared prefixes tolerated per file before giving up (each costs one more pass). */
    static final int MAX_UNDECLARED_PREFIXES = 16;
    private static final Pattern UNDECLARED_PREFIX = Pattern.compile(": malformed XML: Undeclared namespace prefix \"([^\"]+)\"");
    private static final System.Logger LOG = System.getLogger("io.v2e.ssg");

    /**
     * Parses the file; a namespace prefix the document uses without declaring it is tolerated as
     * OpenSCAP tolerates it (see {@link PrefixDeclaringInputStream}): the parse starts again with
     * the prefix declared, a warning names it, at most {@link #MAX_UNDECLARED_PREFIXES} times.
     */
    @Override
    public ParseResult parse(Path file, ParseOptions options) throws SsgParseException {
        long start = System.nanoTime();
        Set<String> undeclared = new LinkedHashSet<>();
        while (true) {
            try {
                return parseOnce(file, options, start, undeclared);
            } catch (SsgParseException e) {
                Matcher m = UNDECLARED_PREFIX.matcher(e.kind() == Kind.MALFORMED ? e.getMessage() : "");
                if (!m.find() || undeclared.contains(m.group(1)) || undeclared.size() >= MAX_UNDECLARED_PREFIXES) {
                    throw e;
                }
                undeclared.add(m.group(1));
                LOG.log(System.Logger.Level.WARNING, file + ":" + e.line() + ":" + e.column() + ": namespace prefix '"
                        + m.group(1) + "' is not declared; read on as OpenSCAP does (in namespace " + PrefixDeclaringInputStream.NAMESPACE_BASE
                        + m.group(1) + ")");
            }
        }
    }

    private ParseResult parseOnce(Path file, ParseOptions options, long start, Set<String> undeclared)
            throws SsgParseException {
        long size = checkedSize(file);
        AdviceLog adviceLog = new AdviceLog(tuning.get());
        ScapDocument document;
        ParseContext ctx;
        boolean compressed = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            compressed = CompressedInput.isBzip2(channel);
            if (compressed) {
                adviceLog.notApplicable("madvise", "compressed input is decompressed as a stream, nothing is mapped");
            }
            try (InputStream raw = compressed ? CompressedInput.bzip2(channel, settings.maxDecompressedSize())
                    : new MappedFileInputStream(channel, size, settings.windowSize(), adviceLog);
                    InputStream in = undeclared.isEmpty() ? raw : new PrefixDeclaringInputStream(raw, undeclared)) {
                XMLStreamReader2 reader = (XMLStreamReader2) factory().createXMLStreamReader(file.toString(), in);
                ctx = new ParseContext(reader, options.keepXhtml());
                try {
                    document = readDocument(file, ctx);
                } catch (XMLStreamException | WstxLazyException e) {
                    throw xmlError(file, reader, e, compressed);
                } finally {
                    closeQuietly(reader);
                }
            } finally {
                if (settings.dropPageCache()) {
                    adviceLog.dropPageCache(file);
                }
            }
        } catch (AccessDeniedException e) {
            throw new SsgParseException(Kind.UNREADABLE, file, -1, -1, "permission denied", e);
        } catch (XMLStreamException e) {
            // Woodstox reads the XML declaration while creating the reader
            throw xmlError(file, null, e, compressed);
        } catch (CompressedInput.SizeExceededException e) {
            throw new SsgParseException(Kind.LIMIT_EXCEEDED, file, -1, -1, e.getMessage(), e);
        } catch (IOException e) {
            if (compressed) { // Woodstox passes some read errors through unwrapped
                throw corruptBzip2(file, e);
            }
            throw new SsgParseException(Kind.IO, file, -1, -1, "I/O error: " + e, e);
        }
        long elapsed = System.nanoTime() - start;
        ParseStatistics stats = new ParseStatistics(size, elapsed, ctx.elements, ctx.rules, ctx.groups, ctx.values,
                ctx.profiles, ctx.ovalDefinitions, ctx.ocilQuestionnaires, ctx.cpeItems, adviceLog.providerName(),
                adviceLog.advice());
        return new ParseResult(file, document, stats);
    }

    @Override
    public ResolvedProfile resolveProfile(Benchmark benchmark, String profileId) {
        return new ProfileResolver(benchmark).resolve(profileId);
    }

    @Override
    public ResolvedProfile resolveProfile(Benchmark benchmark, Tailoring tailoring, String profileId) {
        return new ProfileResolver(benchmark, Objects.requireNonNull(tailoring, "tailoring")).resolve(profileId);
    }

    private static long checkedSize(Path file) throws SsgParseException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SsgParseException(Kind.NOT_FOUND, file, "no such file");
        } catch (IOException e) {
            throw new SsgParseException(Kind.UNREADABLE, file, -1, -1, "cannot read attributes: " + e, e);
        }
        if (attributes.isDirectory()) {
            throw new SsgParseException(Kind.NOT_A_FILE, file, "is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new SsgParseException(Kind.NOT_A_FILE, file, "is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new SsgParseException(Kind.UNREADABLE, file, "permission denied");
        }
        if (attributes.size() == 0) {
            throw new SsgParseException(Kind.EMPTY, file, "empty file (0 bytes)");
        }
        return attributes.size();
    }

    /** Reads the prolog, the root element and everything up to the end of the document. */
    private static ScapDocument readDocument(Path file, ParseContext ctx) throws XMLStreamException, SsgParseException {
        XMLStreamReader2 reader = ctx.reader;
        int event = reader.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.DTD) {
                throw new ParseContext.DoctypeRefusedException();
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new SsgParseException(Kind.MALFORMED, file, "no root element");
            }
            event = ctx.next(); // counts the root element when it arrives
        }
        ScapDocument document = new DocumentReader(ctx).readKnown();
        if (document == null) {
            Location at = reader.getLocation();
            throw new SsgParseException(Kind.UNSUPPORTED_ROOT, file, at.getLineNumber(), at.getColumnNumber(),
                    "unsupported document root {" + ctx.namespace() + "}" + ctx.localName(), null);
        }
        // Trailing content must be well-formed too (comments only): a model is whole or absent.
        while (reader.hasNext()) {
            ctx.next();
        }
        return document;
    }

    private static SsgParseException xmlError(Path file, XMLStreamReader2 reader, Exception e, boolean compressed) {
        XMLStreamException cause = e instanceof XMLStreamException x ? x
                : e.getCause() instanceof XMLStreamException x ? x : new XMLStreamException(e.getMessage());
        Location at = cause.getLocation() != null || reader == null ? cause.getLocation() : reader.getLocation();
        int line = at == null ? -1 : at.getLineNumber();
        int column = at == null ? -1 : at.getColumnNumber();
        String detail = withoutLocation(cause.getMessage());
        Kind kind;
        if (cause.getCause() instanceof CompressedInput.SizeExceededException limit) {
            return new SsgParseException(Kind.LIMIT_EXCEEDED, file, line, column, limit.getMessage(), limit);
        }
        if (compressed && cause.getCause() instanceof IOException io) {
            return corruptBzip2(file, io);
        }
        if (cause instanceof ParseContext.DoctypeRefusedException
                || (detail != null && detail.startsWith(SafeXmlFactory.ENTITY_REFUSED))) {
            kind = Kind.DOCTYPE_REFUSED;
        } else if (detail != null && (detail.contains("limit") || detail.contains("Limit"))) {
            kind = Kind.LIMIT_EXCEEDED;
        } else {
            kind = Kind.MALFORMED;
        }
        return new SsgParseException(kind, file, line, column, kind == Kind.MALFORMED ? "malformed XML: " + detail
                : detail, cause);
    }

    /** bzip2's own errors (CRC mismatch, truncated stream, bad block header). */
    private static SsgParseException corruptBzip2(Path file, IOException e) {
        return new SsgParseException(Kind.MALFORMED, file, -1, -1, "corrupt bzip2 data: " + e.getMessage(), e);
    }

    /** Woodstox appends "\n at [row,col {source}]: [l,c]"; the exception carries the position already. */
    private static String withoutLocation(String message) {
        if (message == null) {
            return "unknown XML error";
        }
        int at = message.indexOf("\n at [row,col");
        return at < 0 ? message : message.substring(0, at);
    }

    private static void closeQuietly(XMLStreamReader2 reader) {
        try {
            reader.closeCompletely();
        } catch (XMLStreamException ignored) {
            // closing after an error: the original error is what matters
        }
    }
}
