package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/**
 * Each bad frame gets its defined answer on the same connection, which stays usable (a good request
 * right after is answered), while another connection keeps being served.
 */
class BadFramesTest {

    private static final int LIMIT = 1024;

    @TempDir
    Path dir;
    private TransportFixture fx;
    private RawPeer peer;
    private V2eClient bystander;
    private final AtomicInteger pings = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        fx = new TransportFixture(dir, s -> s.withLimits(LIMIT, s.maxConnections(), s.outboundQueueBytes(),
                s.outboundQueueMessages(), s.outboundPolicy()));
        fx.brokerHarness.register("echo", TransportFixture.echo());
        peer = fx.raw();
        bystander = fx.client();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** Sends a bad frame, expects one error with this text and correlation id, then checks both connections still work. */
    private void expectError(String frame, String error, String correlationId) throws Exception {
        expectError(frame.getBytes(StandardCharsets.UTF_8), error, correlationId);
    }

    private void expectError(byte[] frame, String error, String correlationId) throws Exception {
        peer.write(frame);
        Message answer = peer.readMessage();
        assertEquals(MessageType.ERROR, answer.type(), answer.toString());
        assertEquals(error, answer.error());
        assertEquals(correlationId, answer.correlationId());
        assertEquals("broker", answer.source());
        stillServing();
    }

    private void stillServing() throws Exception {
        int n = pings.incrementAndGet();
        peer.writeLine("{\"type\":\"request\",\"id\":\"Ping\",\"target\":\"echo\",\"payload\":" + n
                + ",\"correlation_id\":\"ok-" + n + "\"}");
        Message answer = peer.readMessage(); // addressed to the connection's identity conn-ID (issue 16)
        assertTrue(answer.target().startsWith("conn-"), answer.target());
        assertEquals(new Message(MessageType.RESPONSE, "Ping", String.valueOf(n), null, "echo", answer.target(), "ok-" + n),
                answer);
        assertEquals("\"b" + n + "\"", bystander.request("echo", "M", "\"b" + n + "\"", Duration.ofSeconds(20)).payload());
    }

    @Test
    void invalidJsonIsAnsweredWithTheCorrelationIdReadBeforeTheFault() throws Exception {
        expectError("{\"type\":\"request\",\"id\":\"M\",\"correlation_id\":\"bad-1\",\"target\":\"echo\",\n",
                "malformed JSON at column 69: Unexpected end-of-input within/between Object entries",
                "bad-1");
        expectError("not json at all\n", "malformed JSON at column 1: Unrecognized token 'not': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')", null);
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        expectError("{\"type\":\"request\",\"id\":5,\"target\":\"echo\"}\n", "field 'id' must be a string, found a number",
                null);
        expectError("{\"type\":\"request\",\"correlation_id\":\"c-wt\",\"id\":\"M\",\"target\":[\"echo\"]}\n",
                "field 'target' must be a string, found an array", "c-wt");
        expectError("{\"type\":\"bogus\",\"id\":\"M\"}\n",
                "unknown message type 'bogus' (expected request, response, event or error)", null);
        expectError("[1,2,3]\n", "expected a JSON object, found an array", null);
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        expectError("{\"id\":\"M\",\"target\":\"echo\",\"correlation_id\":\"c-mt\"}\n", "missing field 'type'", "c-mt");
        expectError("{\"type\":\"request\",\"id\":\"M\",\"correlation_id\":\"c-nt\"}\n",
                "missing field 'target' (a request needs one)", "c-nt");
        expectError("{\"type\":\"request\",\"target\":\"echo\",\"correlation_id\":\"c-ni\"}\n",
                "missing field 'id' (the method name)", "c-ni");
        expectError("{\"type\":\"event\",\"id\":\"E\"}\n", "missing field 'target' (a event needs one)", null);
    }

    @Test
    void binaryGarbageIsAnsweredAndTheLineSkipped() throws Exception {
        byte[] garbage = new byte[300];
        new Random(42).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n' || garbage[i] == '{' || garbage[i] == '[' || garbage[i] == '"') {
                garbage[i] = (byte) 0xFF; // one line, and not a JSON start by luck
            }
        }
        garbage[0] = (byte) 0xC3;
        garbage[garbage.length - 1] = '\n';
        peer.write(garbage);
        Message answer = peer.readMessage();
        assertEquals(MessageType.ERROR, answer.type());
        assertTrue(answer.error().startsWith("malformed JSON at column "), answer.error());
        stillServing();
    }

    @Test
    void aFrameJustOverTheLimitIsRefusedAndOneAtTheLimitPasses() throws Exception {
        expectError(lineOfLength(LIMIT + 1, "big-1") + "\n",
                "frame exceeds max_frame_bytes 1024; the rest of the line is skipped", "big-1");
        String atLimit = lineOfLength(LIMIT, "big-2");
        peer.writeLine(atLimit);
        Message ok = peer.readMessage();
        assertEquals(MessageType.RESPONSE, ok.type(), ok.toString());
        assertEquals("big-2", ok.correlationId());
        stillServing();
    }

    /** A valid request line of exactly {@code length} bytes, its correlation id before its payload. */
    private static String lineOfLength(int length, String corr) {
        String head = "{\"type\":\"request\",\"correlation_id\":\"" + corr + "\",\"id\":\"Big\",\"target\":\"echo\",\"payload\":\"";
        String tail = "\"}";
        char[] fill = new char[length - head.length() - tail.length()];
        Arrays.fill(fill, 'x');
        String line = head + new String(fill) + tail;
        assertEquals(length, line.getBytes(StandardCharsets.UTF_8).length);
        return line;
    }

    @Test
    void tenMegabytesWithoutNewlineGetOneErrorAndNothingIsStored() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        chunk[0] = '{';
        peer.write(chunk);
        chunk[0] = 'a';
        for (int i = 1; i < 160; i++) { // 160 x 64 KiB = 10 MiB on one line
            peer.write(chunk);
        }
        peer.write("\n");
        Message answer = peer.readMessage();
        assertEquals("frame exceeds max_frame_bytes 1024; the rest of the line is skipped", answer.error());
        stillServing(); // the next line is the ping's answer: no second error for the same line
        Connection conn = peersConnection();
        assertEquals(1, conn.badFrames());
        // what was held of the 10 MiB line at most: the limit, plus the prefix kept to read its ids
        assertTrue(conn.peakFrameBuffer() <= LIMIT + FrameReader.PREFIX, "held " + conn.peakFrameBuffer());
    }

    /** The raw peer connected first. */
    private Connection peersConnection() {
        return fx.transport.connections().stream().min(java.util.Comparator.comparingLong(c -> c.id)).orElseThrow();
    }

    @Test
    void anUnterminatedLastLineIsDiscardedAtDisconnect() throws Exception {
        stillServing();
        Connection conn = peersConnection();
        peer.write("{\"type\":\"request\",\"id\":\"Half\",\"target\":\"echo\",\"payload\":1,\"correlation_id\":\"half\"}");
        peer.channel.shutdownOutput();
        assertNull(peer.readLine()); // no answer: the transport closed the connection without reading it as a message
        await("the connection was cleaned up").atMost(TransportFixture.PATIENCE)
                .until(() -> !fx.transport.connections().contains(conn));
        assertTrue(conn.discardedPartial());
        assertEquals(1, conn.framesIn());
        // echo received the pings of both connections, and not the half request
        assertEquals(2L * pings.get(), fx.brokerHarness.stats().endpoints().stream()
                .filter(e -> e.name().equals("echo")).findFirst().orElseThrow().received());
    }

    @Test
    void blankLinesAreIgnored() throws Exception {
        peer.write("\n\r\n   \n");
        stillServing();
    }
}
