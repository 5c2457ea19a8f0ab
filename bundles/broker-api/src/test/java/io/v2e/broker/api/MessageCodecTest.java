package io.v2e.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec(1024);

    @Test
    void writesTheV2eWireFieldNames() {
        Message m = new Message(MessageType.REQUEST, "RPCGetCVE", "{\"cve\":\"CVE-2024-1\"}", null, "api", "store", "c-1");
        assertEquals("{\"type\":\"request\",\"id\":\"RPCGetCVE\",\"payload\":{\"cve\":\"CVE-2024-1\"},"
                + "\"source\":\"api\",\"target\":\"store\",\"correlation_id\":\"c-1\"}", codec.encode(m));
        Message err = m.errorReply("store", "no such CVE");
        assertEquals("{\"type\":\"error\",\"id\":\"RPCGetCVE\",\"error\":\"no such CVE\",\"source\":\"store\","
                + "\"target\":\"api\",\"correlation_id\":\"c-1\"}", codec.encode(err));
    }

    @Test
    void payloadTextIsCarriedExactlyBothWays() {
        String payload = "{ \"b\" : [1, 2.50, \"\\u00e9\\n\"],\n \"a\":{\"x\":null} }";
        String line = "{\"type\":\"event\",\"id\":\"tick\",\"payload\":" + payload + ",\"source\":\"s\"}";
        Message m = codec.decode(line);
        assertEquals(payload, m.payload());
        assertEquals(line, codec.encode(m));
    }

    @Test
    void scalarPayloadsKeepTheirText() {
        assertEquals("\"a\\\"b\"", codec.decode("{\"type\":\"event\",\"payload\":\"a\\\"b\"}").payload());
        assertEquals("-12.5e3", codec.decode("{\"type\":\"event\",\"payload\":-12.5e3}").payload());
        assertEquals("null", codec.decode("{\"type\":\"event\",\"payload\":null}").payload());
        assertNull(codec.decode("{\"type\":\"event\"}").payload());
    }

    @Test
    void stringPayloadsKeepTheirTextFromBytesAndFromText() {
        // Escaped quotes and backslashes, a backslash right before the closing quote, multi-byte UTF-8.
        for (String payload : List.of("\"a\\\"b\"", "\"ends with \\\\\"", "\"Zoë ✓ \\u00e9 \\n\"", "\"\"")) {
            String line = "{\"type\":\"event\",\"payload\":" + payload + ",\"source\":\"s\"}";
            byte[] utf8 = ("xx" + line + "\n").getBytes(StandardCharsets.UTF_8);
            Message fromBytes = codec.decode(utf8, 2, utf8.length - 2);
            assertEquals(payload, fromBytes.payload(), line);
            assertEquals("s", fromBytes.source(), line);
            assertEquals(payload, codec.decode(line).payload(), line);
        }
    }

    @Test
    void largeStringPayloadIsCarriedExactly() {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; b.length() < 1 << 20; i++) {
            b.append("chunk ").append(i).append(i % 7 == 0 ? " \\\" q" : "").append(' ');
        }
        String payload = b.append('"').toString();
        String line = "{\"type\":\"event\",\"payload\":" + payload + ",\"target\":\"t\"}";
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        Message m = MessageCodec.DEFAULT.decode(utf8, 0, utf8.length);
        // assertTrue, not assertEquals: a failure must not print a megabyte.
        assertTrue(payload.equals(m.payload()), "payload differs; length " + m.payload().length() + " vs " + payload.length());
        assertEquals("t", m.target());
    }

    @Test
    void brokenStringPayloadsAreRejected() {
        for (String bad : List.of("{\"type\":\"event\",\"payload\":\"never closed}",
                "{\"type\":\"event\",\"payload\":\"tab\tinside\"}")) {
            byte[] utf8 = bad.getBytes(StandardCharsets.UTF_8);
            MessageFormatException e = assertThrows(MessageFormatException.class, () -> codec.decode(utf8, 0, utf8.length));
            assertTrue(e.getMessage().startsWith("malformed JSON at column"), e.getMessage());
            assertThrows(MessageFormatException.class, () -> codec.decode(bad));
        }
    }

    @Test
    void decodesUtf8BytesAtAnOffsetWithTheirNewline() {
        String line = "{\"type\":\"response\",\"id\":\"m\",\"payload\":{\"name\":\"Zoë ✓\"},\"correlation_id\":\"7\"}\n";
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[utf8.length + 10];
        System.arraycopy(utf8, 0, framed, 5, utf8.length);
        Message m = codec.decode(framed, 5, utf8.length);
        assertEquals(MessageType.RESPONSE, m.type());
        assertEquals("{\"name\":\"Zoë ✓\"}", m.payload());
        assertEquals("7", m.correlationId());
    }

    @Test
    void encodeLineHoldsExactlyTheLineThatWriteLineWrites() throws Exception {
        // ASCII fits the buffer sized for the payload; 2-byte UTF-8 text outgrows it (the copying path).
        for (String payload : List.of("{\"n\":[1,2]}", "\"" + "é".repeat(5000) + "\"")) {
            Message m = Message.event("a", "b", "e", payload);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            codec.writeLine(m, expected);
            java.nio.ByteBuffer line = codec.encodeLine(m);
            assertEquals(0, line.position());
            byte[] got = new byte[line.remaining()];
            line.get(got);
            assertEquals(new String(expected.toByteArray(), StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8));
        }
    }

    @Test
    void writeLineEndsWithNewline() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.writeLine(Message.event("a", "b", "e", "[1]"), out);
        assertEquals("{\"type\":\"event\",\"id\":\"e\",\"payload\":[1],\"source\":\"a\",\"target\":\"b\"}\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Message m = codec.decode("{\"type\":\"event\",\"id\":\"e\",\"extra\":{\"deep\":[1,{}]},\"target\":\"t\"}");
        assertEquals("t", m.target());
    }

    @Test
    void malformedJsonIsRejectedWithWhere() {
        MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> codec.decode("{\"type\":\"request\",\"id\":\"m\",\"correlation_id\":\"c9\",\"payload\":{]}"));
        assertTrue(e.getMessage().startsWith("malformed JSON at column "), e.getMessage());
        assertEquals("c9", e.correlationId().orElseThrow());
        assertEquals("m", e.id().orElseThrow());
    }

    @Test
    void eachFaultHasItsOwnMessage() {
        assertEquals("empty line", fault(""));
        assertEquals("expected a JSON object, found an array", fault("[1]"));
        assertEquals("missing field 'type'", fault("{\"id\":\"x\"}"));
        assertEquals("unknown message type 'ping' (expected request, response, event or error)",
                fault("{\"type\":\"ping\"}"));
        assertEquals("field 'id' must be a string, found a number", fault("{\"type\":\"event\",\"id\":5}"));
        assertEquals("trailing content after the message: an object", fault("{\"type\":\"event\"} {}"));
        assertEquals("message of 1025 characters exceeds the limit of 1024",
                fault("{\"type\":\"event\",\"payload\":\"" + "x".repeat(1025 - 29) + "\"}"));
    }

    @Test
    void wrongTypedCorrelationIdIsNamed() {
        MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> codec.decode("{\"type\":\"request\",\"correlation_id\":\"c1\",\"target\":[]}"));
        assertEquals("field 'target' must be a string, found an array", e.getMessage());
        assertEquals("c1", e.correlationId().orElseThrow());
    }

    private String fault(String line) {
        return assertThrows(MessageFormatException.class, () -> codec.decode(line)).getMessage();
    }
}
