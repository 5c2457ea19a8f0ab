package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/** Reserved names (reserved_names, name_tokens): taken only with the name's token, never leaked (issue 16 item 3). */
class ReservedNamesTest {

    private static final String BILLING_TOKEN = "billing-token-0123456789abcdef";
    private static final String WRONG_TOKEN = "guessed-token-0000000000000000";

    @TempDir
    Path dir;
    private TransportFixture fx;
    private LogCapture log;
    /** Every line the test's peers read, to check no token is ever echoed. */
    private final List<String> seenByPeers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        log = new LogCapture();
        fx = new TransportFixture(dir);
        Files.writeString(dir.resolve("billing.token"), BILLING_TOKEN + "\n");
        fx.transport.reservations(NameReservations.of("ssg", "billing=billing.token", dir));
    }

    @AfterEach
    void stop() {
        fx.close();
        log.close();
        for (String line : log.lines) {
            assertFalse(line.contains(BILLING_TOKEN) || line.contains(WRONG_TOKEN), "a log line shows a token: " + line);
        }
        for (String line : seenByPeers) {
            assertFalse(line.contains(BILLING_TOKEN) || line.contains(WRONG_TOKEN), "a peer read a token: " + line);
        }
    }

    private Message ask(RawPeer p, String line) throws Exception {
        p.writeLine(line);
        String answer = p.readLine();
        seenByPeers.add(answer);
        return io.v2e.broker.api.MessageCodec.DEFAULT.decode(answer);
    }

    @Test
    void aReservedNameWithoutATokenCannotBeTakenByAnyConnection() throws Exception {
        RawPeer p = fx.raw();
        Message refused = ask(p, TransportFixture.registerLine("ssg", null, "r1"));
        assertEquals(MessageType.ERROR, refused.type());
        assertEquals("r1", refused.correlationId());
        assertEquals("name 'ssg' is reserved (reserved_names of the transport): no external connection may take it",
                refused.error());
        Message ready = ask(p, "{\"type\":\"event\",\"id\":\"subprocess_ready\",\"source\":\"ssg\"}");
        assertEquals(refused.error(), ready.error());
        assertNull(fx.transport.named("ssg"));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("refused reserved name 'ssg'")),
                log.lines.toString());
    }

    @Test
    void aTokenedNameIsRefusedWithoutOrWithAWrongTokenAndTakenWithIt() throws Exception {
        RawPeer p = fx.raw();
        Message none = ask(p, TransportFixture.registerLine("billing", null, "r1"));
        assertEquals(MessageType.ERROR, none.type());
        assertTrue(none.error().startsWith("name 'billing' is reserved: it needs its token"), none.error());
        Message wrong = ask(p, TransportFixture.registerLine("billing", WRONG_TOKEN, "r2"));
        assertEquals("name 'billing' is reserved: the token does not match", wrong.error());
        assertEquals("r2", wrong.correlationId());
        assertNull(fx.transport.named("billing"));

        Message taken = ask(p, TransportFixture.registerLine("billing", BILLING_TOKEN, "r3"));
        assertEquals(MessageType.RESPONSE, taken.type(), taken.toString());
        assertEquals("{\"name\":\"billing\",\"registered\":true}", taken.payload());
        // and it receives the name's traffic
        V2eClient caller = fx.client();
        var answer = caller.request(Message.request(null, "billing", "Charge", "{\"eur\":5}", "c1"));
        Message given = p.readMessage();
        assertEquals("Charge", given.id());
        p.writeLine(given.response("\"charged\"").toString());
        assertEquals("\"charged\"", answer.get(20, java.util.concurrent.TimeUnit.SECONDS).payload());
    }

    @Test
    void theJavaClientAndSubprocessReadyPresentTheTokenAndItIsNotForwarded() throws Exception {
        V2eClient svc = fx.client();
        IOException e = assertThrows(IOException.class, () -> svc.serve("billing", WRONG_TOKEN, m -> "1",
                Duration.ofSeconds(20)));
        assertEquals("cannot serve 'billing': name 'billing' is reserved: the token does not match", e.getMessage());
        seenByPeers.add(e.getMessage());

        List<Message> seen = new CopyOnWriteArrayList<>();
        fx.brokerHarness.register("recorder", m -> {
            seen.add(m);
            return null;
        });
        RawPeer p = fx.raw();
        p.writeLine("{\"type\":\"event\",\"id\":\"subprocess_ready\",\"source\":\"billing\",\"target\":\"recorder\","
                + "\"payload\":{\"token\":\"" + BILLING_TOKEN + "\",\"pid\":5}}");
        await("billing named").atMost(TransportFixture.PATIENCE).until(() -> fx.transport.named("billing") != null);
        await("the event reached its target").atMost(TransportFixture.PATIENCE).until(() -> !seen.isEmpty());
        assertEquals("billing", seen.get(0).source());
        assertEquals("{\"pid\":5}", seen.get(0).payload(), "the token is taken out of the forwarded payload");
    }

    @Test
    void replacingATokenedNameNeedsTheTokenToo() throws Exception {
        V2eClient holder = fx.client();
        holder.serve("billing", BILLING_TOKEN, m -> "\"holder\"", Duration.ofSeconds(20));

        RawPeer intruder = fx.raw(); // same user: without the token a same-user restart is refused too
        Message refused = ask(intruder, TransportFixture.registerLine("billing", null, "r1"));
        assertTrue(refused.error().startsWith("name 'billing' is reserved: it needs its token"), refused.error());
        Message wrong = ask(intruder, TransportFixture.registerLine("billing", WRONG_TOKEN, "r2"));
        assertEquals("name 'billing' is reserved: the token does not match", wrong.error());
        assertFalse(holder.isClosed());
        assertEquals("\"holder\"", fx.client().request("billing", "M", "{}", Duration.ofSeconds(20)).payload());

        V2eClient restarted = fx.client();
        restarted.serve("billing", BILLING_TOKEN, m -> "\"restarted\"", Duration.ofSeconds(20));
        await("the old holder was closed").atMost(TransportFixture.PATIENCE).until(holder::isClosed);
        assertEquals("\"restarted\"", fx.client().request("billing", "M", "{}", Duration.ofSeconds(20)).payload());
    }

    @Test
    void unreservedNamesAreReplacedBySameUserAsBefore() throws Exception {
        V2eClient first = fx.client();
        first.serve("demo", m -> "\"first\"", Duration.ofSeconds(20));
        V2eClient second = fx.client();
        second.serve("demo", m -> "\"second\"", Duration.ofSeconds(20));
        await("the first was replaced").atMost(TransportFixture.PATIENCE).until(first::isClosed);
        assertEquals("\"second\"", fx.client().request("demo", "M", "{}", Duration.ofSeconds(20)).payload());
    }

    @Test
    void anUnusableTokenFileKeepsTheNameReservedForNobodyWithoutShowingTheFile() throws Exception {
        Files.writeString(dir.resolve("short.token"), "tiny\n");
        NameReservations r = NameReservations.of("", "audit=short.token, gone=missing.token", dir);
        assertEquals(List.of("name_tokens file of 'audit' " + dir.resolve("short.token") + ": the first line must hold a "
                        + "token of at least 16 characters; name 'audit' stays reserved and no connection may take it",
                "name_tokens file of 'gone' " + dir.resolve("missing.token") + " cannot be read: NoSuchFileException; "
                        + "name 'gone' stays reserved and no connection may take it"), r.problems());
        fx.transport.reservations(r);
        Message refused = ask(fx.raw(), TransportFixture.registerLine("audit", "tiny", "r1"));
        assertEquals("name 'audit' is reserved (reserved_names of the transport): no external connection may take it",
                refused.error());
        assertThrows(IllegalArgumentException.class, () -> NameReservations.of("", "billing", dir));
    }
}
