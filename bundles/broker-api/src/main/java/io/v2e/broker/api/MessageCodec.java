package io.v2e.broker.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

/**
 * Reads and writes one message as one line of JSON (NDJSON), in the v2e broker's form:
 * {@code {"type":"request","id":"M","payload":{...},"error":"...","source":"a","target":"b","correlation_id":"c"}}.
 * {@code type} and {@code id} are always written; the other fields only when present. The payload
 * is copied as raw text both ways, never parsed into a tree nor re-encoded. Unknown fields are
 * ignored (as the v2e broker does).
 * <p>
 * Immutable and thread-safe: one instance may serve any number of threads.
 */
public final class MessageCodec {

    /** A codec with the default limit of {@value #DEFAULT_MAX_BYTES} bytes per line. */
    public static final MessageCodec DEFAULT = new MessageCodec(MessageCodec.DEFAULT_MAX_BYTES);

    /** 50 MiB, the v2e broker's default maximum frame. */
    public static final int DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

    private final JsonFactory factory;
    private final int maxBytes;

    /** @param maxBytes the longest line {@code decode} accepts (UTF-8 bytes, or chars for a String) */
    public MessageCodec(int maxBytes) {
        if (maxBytes < 16) {
            throw new IllegalArgumentException("maxBytes must be at least 16, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        // Jackson's own string limit (20M chars) would otherwise cut a large string payload short.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxBytes).build())
                .build();
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The message as one JSON line, without the trailing newline. */
    public String encode(Message message) {
        StringWriter out = new StringWriter(64 + (message.payload() == null ? 0 : message.payload().length()));
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, message);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }

    /** Writes the message as UTF-8 JSON followed by {@code '\n'}. */
    public void writeLine(Message message, OutputStream out) throws IOException {
        JsonGenerator g = factory.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        write(g, message);
        g.writeRaw('\n');
        g.flush();
        g.close();
    }

    /**
     * The message as UTF-8 JSON followed by {@code '\n'}, in a buffer whose remaining bytes (from
     * position 0) are exactly that line. The buffer is sized for the payload up front, so the line
     * is normally written once and handed over as it is: no second copy of a large payload.
     */
    public ByteBuffer encodeLine(Message message) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 + (message.payload() == null ? 0 : message.payload().length()));
        try {
            writeLine(message, out);
        } catch (IOException e) {
            throw new IllegalStateException("encoding to memory failed", e);
        }
        if (out.size() == out.getCurrentSegmentLength()) {
            return ByteBuffer.wrap(out.getCurrentSegment(), 0, out.size()).slice();
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void write(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", m.type().wireName());
        g.writeStringField("id", m.id());
        if (m.payload() != null) {
            g.writeFieldName("payload");
            g.writeRawValue(m.payload());
        }
        writeOptional(g, "error", m.error());
        writeOptional(g, "source", m.source());
        writeOptional(g, "target", m.target());
        writeOptional(g, "correlation_id", m.correlationId());
        g.writeEndObject();
    }

    private static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(field, value);
        }
    }

    /**
     * Reads one line (trailing {@code \r\n} or {@code \n} allowed).
     *
     * @throws MessageFormatException saying what is wrong and where, with any id and
     *                                correlation id read before the fault
     */
    public Message decode(String line) {
        if (line == null) {
            throw new MessageFormatException("no line (null)", null, null, null);
        }
        int end = stripNewline(line);
        if (end > maxBytes) {
            throw new MessageFormatException("message of " + end + " characters exceeds the limit of " + maxBytes,
                    null, null, null);
        }
        try (JsonParser p = factory.createParser(line.substring(0, end))) {
            return read(p, new TextSource.Chars(line, 0));
        } catch (IOException e) {
            throw new MessageFormatException("cannot read message: " + e.getMessage(), null, null, e);
        }
    }

    /** Reads one UTF-8 line from {@code bytes[offset, offset+length)} (a trailing newline allowed). */
    public Message decode(byte[] bytes, int offset, int length) {
        int end = length;
        if (end > 0 && bytes[offset + end - 1] == '\n') {
            end--;
        }
        if (end > 0 && bytes[offset + end - 1] == '\r') {
            end--;
        }
        if (end > maxBytes) {
            throw new MessageFormatException("message of " + end + " bytes exceeds the limit of " + maxBytes,
                    null, null, null);
        }
        try (JsonParser p = factory.createParser(bytes, offset, end)) {
            return read(p, new TextSource.Bytes(bytes, offset, end));
        } catch (IOException e) {
            throw new MessageFormatException("cannot read message: " + e.getMessage(), null, null, e);
        }
    }

    private static int stripNewline(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    private static Message read(JsonParser p, TextSource text) throws IOException {
        Fields f = new Fields();
        try {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw f.fault("empty line", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw f.fault("expected a JSON object, found " + describe(first), null);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type": f.type = string(p, f, name, value); break;
                    case "id": f.id = string(p, f, name, value); break;
                    case "error": f.error = string(p, f, name, value); break;
                    case "source": f.source = string(p, f, name, value); break;
                    case "target": f.target = string(p, f, name, value); break;
                    case "correlation_id": f.correlationId = string(p, f, name, value); break;
                    case "payload": f.payload = rawValue(p, value, text); break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw f.fault("unterminated JSON object", null);
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw f.fault("trailing content after the message: " + describe(after), null);
            }
        } catch (JsonParseException e) {
            throw f.fault("malformed JSON at column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (f.type == null) {
            throw f.fault("missing field 'type'", null);
        }
        MessageType type;
        try {
            type = MessageType.ofWireName(f.type);
        } catch (IllegalArgumentException e) {
            throw f.fault(e.getMessage(), null);
        }
        return new Message(type, f.id, f.payload, f.error, f.source, f.target, f.correlationId);
    }

    /** A string field; JSON null reads as absent. */
    private static String string(JsonParser p, Fields f, String name, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw f.fault("field '" + name + "' must be a string, found " + describe(value), null);
    }

    /** The payload value's exact source text, found by its start and end offsets in the input. */
    private static String rawValue(JsonParser p, JsonToken value, TextSource text) throws IOException {
        long start = text.offset(p.currentTokenLocation());
        long end;
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            p.skipChildren();
            end = text.offset(p.currentLocation());
        } else if (value == JsonToken.VALUE_STRING) {
            // Jackson reads a string lazily; finishing it would decode it (a 1 MiB payload into a
            // 2 MiB char buffer) only to learn where it ends. Find the closing quote in the input
            // instead and let the parser skip the token undecoded (it still validates it).
            end = text.stringEnd(start);
        } else {
            p.finishToken();
            end = text.offset(p.currentLocation());
        }
        return text.slice(start, end);
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    /** The fields read so far, so a fault can report the id and correlation id. */
    private static final class Fields {
        String type;
        String id;
        String payload;
        String error;
        String source;
        String target;
        String correlationId;

        MessageFormatException fault(String what, Throwable cause) {
            return new MessageFormatException(what, id, correlationId, cause);
        }
    }

    /** Maps parser locations back to the input so a value's text can be sliced out as is. */
    private interface TextSource {
        long offset(JsonLocation location);

        String slice(long start, long end);

        /**
         * The offset just past the JSON string that opens at {@code start}: its closing quote, with
         * backslash escapes stepped over; the input's end when it is unterminated (the parser then
         * reports the error when it skips the token).
         */
        long stringEnd(long start);

        final class Chars implements TextSource {
            private final String text;
            private final int base;

            Chars(String text, int base) {
                this.text = text;
                this.base = base;
            }

            @Override
            public long offset(JsonLocation location) {
                return location.getCharOffset();
            }

            @Override
            public String slice(long start, long end) {
                return text.substring(base + (int) start, base + (int) end);
            }

            @Override
            public long stringEnd(long start) {
                int i = base + (int) start + 1;
                while (i < text.length()) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        return i + 1 - base;
                    }
                    i += c == '\\' ? 2 : 1;
                }
                return text.length() - base;
            }
        }

        final class Bytes implements TextSource {
            private final byte[] bytes;
            private final int base;

            private final int limit;

            Bytes(byte[] bytes, int base, int length) {
                this.bytes = bytes;
                this.base = base;
                this.limit = base + length;
            }

            @Override
            public long offset(JsonLocation location) {
                return location.getByteOffset();
            }

            @Override
            public String slice(long start, long end) {
                return new String(bytes, base + (int) start, (int) (end - start), StandardCharsets.UTF_8);
            }

            @Override
            public long stringEnd(long start) {
                // UTF-8 continuation and lead bytes are >= 0x80, so they never look like '"' or '\\'.
                int i = base + (int) start + 1;
                while (i < limit) {
                    byte b = bytes[i];
                    if (b == '"') {
                        return i + 1 - base;
                    }
                    i += b == '\\' ? 2 : 1;
                }
                return limit - base;
            }
        }
    }
}
