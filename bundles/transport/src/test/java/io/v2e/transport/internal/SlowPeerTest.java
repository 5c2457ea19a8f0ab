package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/** Peers that stop reading cost bounded memory and never hold up the broker or other peers. */
class SlowPeerTest {

    private static final long QUEUE_BYTES = 64 * 1024;
    private static final int REQUESTS = 2000;

    @TempDir
    Path dir;
    private TransportFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    private void start(OutboundPolicy policy) {
        start(policy, 4096);
    }

    private void start(OutboundPolicy policy, int maxInflight) {
        fx = new TransportFixture(dir, s -> s.withLimits(s.maxFrameBytes(), s.maxConnections(), QUEUE_BYTES, 100_000,
                policy).withInflight(maxInflight));
        fx.brokerHarness.register("echo", TransportFixture.echo());
    }

    private static String payload(int i) {
        char[] pad = new char[1000];
        Arrays.fill(pad, 'p');
        return "{\"i\":" + i + ",\"pad\":\"" + new String(pad) + "\"}";
    }

    /** Registers a raw peer as {@code name}; after this it reads nothing more. */
    private RawPeer mutePeer(String name) throws Exception {
        RawPeer p = fx.raw();
        p.writeLine("{\"type\":\"request\",\"id\":\"RPCRegister\",\"target\":\"broker\",\"payload\":{\"name\":\"" + name
                + "\"}}");
        assertEquals(MessageType.RESPONSE, p.readMessage().type());
        return p;
    }

    private EndpointStats statsOf(String name) {
        return fx.brokerHarness.stats().endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anEndpointThatNeverReadsGetsBoundedQueueAndItsRequestsAreAnsweredWithErrors() throws Exception {
        start(OutboundPolicy.drop);
        RawPeer slow = mutePeer("slow");
        Connection conn = fx.transport.named("slow");
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(fx.broker().request(Message.request("inside", "slow", "Work", payload(i), "w-" + i), 60_000));
        }
        // the worker handed every request on without waiting for the peer: written, queued or dropped
        await("all requests handled by the worker").atMost(TransportFixture.PATIENCE)
                .until(() -> statsOf("slow").received() == REQUESTS
                && statsOf("slow").queueDepth() == 0);
        // meanwhile the broker serves others
        V2eClient other = fx.client();
        assertEquals("{\"ok\":1}", other.request("echo", "M", "{\"ok\":1}", Duration.ofSeconds(20)).payload());

        long dropped = answers.stream().filter(CompletableFuture::isDone).count();
        assertTrue(dropped > 0, "some requests must have been refused");
        assertEquals(dropped, conn.outbound().droppedMessages());
        for (CompletableFuture<Message> f : answers) {
            if (f.isDone()) {
                Message e = f.get();
                assertEquals(MessageType.ERROR, e.type());
                assertTrue(e.error().startsWith("connection 'slow' is not reading: its outbound queue is full ("),
                        e.error());
            }
        }
        // memory: never more than the bound plus the one line that may always pass
        int line = fx.transport.codec().encodeLine(Message.request("inside", "slow", "Work", payload(REQUESTS), "w-" + REQUESTS))
                .remaining();
        assertTrue(conn.outbound().maxQueuedBytes() <= QUEUE_BYTES + line, "queued at most "
                + conn.outbound().maxQueuedBytes());
        assertTrue(conn.outbound().queuedBytes() > QUEUE_BYTES - 2 * line, "the queue is full now: "
                + conn.outbound().queuedBytes());

        // when it goes, the requests it was given and never answered are answered with errors
        slow.close();
        for (CompletableFuture<Message> f : answers) {
            Message m = f.get(20, TimeUnit.SECONDS);
            assertEquals(MessageType.ERROR, m.type());
        }
        long wentAway = answers.stream().filter(f -> f.join().error().equals("endpoint 'slow' went away")).count();
        assertEquals(REQUESTS - dropped, wentAway);
    }

    @Test
    void dropOldestAnswersTheEvictedRequests() throws Exception {
        start(OutboundPolicy.drop_oldest);
        RawPeer slow = mutePeer("slow");
        Connection conn = fx.transport.named("slow");
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(fx.broker().request(Message.request("inside", "slow", "Work", payload(i), "w-" + i), 60_000));
        }
        await("all requests handled by the worker").atMost(TransportFixture.PATIENCE)
                .until(() -> statsOf("slow").received() == REQUESTS
                && statsOf("slow").queueDepth() == 0);
        await("evicted requests answered").atMost(TransportFixture.PATIENCE)
                .until(() -> answers.stream().filter(CompletableFuture::isDone).count()
                == conn.outbound().droppedMessages());
        assertTrue(conn.outbound().droppedMessages() > 0);
        // the newest request is still queued (not evicted); the evicted ones carry the policy's error
        assertTrue(!answers.get(REQUESTS - 1).isDone());
        for (CompletableFuture<Message> f : answers) {
            if (f.isDone()) {
                assertEquals("dropped: outbound queue of connection 'slow' is full (outbound_policy drop_oldest)",
                        f.get().error());
            }
        }
        slow.close();
    }

    @Test
    void aPeerThatSendsButNeverReadsIsPausedAndCostsBoundedMemory() throws Exception {
        start(OutboundPolicy.drop, 16);
        RawPeer flooder = fx.raw();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    flooder.writeLine("{\"type\":\"request\",\"id\":\"M\",\"target\":\"echo\",\"correlation_id\":\"f-" + i
                            + "\",\"payload\":" + payload(i) + "}");
                }
            } catch (Exception e) {
                // closed by the test: expected
            }
        }, "flooder");
        writer.setDaemon(true);
        writer.start();
        await("the transport stopped reading the flooder").atMost(TransportFixture.PATIENCE)
                .until(() -> fx.transport.connections().stream()
                .anyMatch(c -> c.outbound().readingPaused()));
        Connection conn = fx.transport.connections().stream().filter(c -> c.outbound().readingPaused()).findFirst()
                .orElseThrow();
        long framesWhenPaused = conn.framesIn();
        // others are served while it is paused
        V2eClient other = fx.client();
        for (int i = 0; i < 20; i++) {
            assertEquals(String.valueOf(i), other.request("echo", "M", String.valueOf(i), Duration.ofSeconds(20)).payload());
        }
        assertTrue(writer.isAlive(), "the flooder is held back by its full socket");
        assertTrue(framesWhenPaused < 20_000);
        assertEquals(0, conn.outbound().droppedMessages(), "pausing came before any answer had to be dropped");
        int line = 1200;
        // half the bound (where reading pauses) plus the answers to at most 16 requests in flight
        assertTrue(conn.outbound().maxQueuedBytes() <= QUEUE_BYTES / 2 + 16 * line, "queued at most "
                + conn.outbound().maxQueuedBytes());
        assertTrue(conn.inflightRequests() <= 16, "in flight: " + conn.inflightRequests());
        flooder.close();
        writer.join(20_000);
    }

    @Test
    void readingPausesAtMaxInflightRequestsAndResumesWhenAnswersGoOut() throws Exception {
        start(OutboundPolicy.drop, 8);
        RawPeer mute = mutePeer("mute");
        RawPeer caller = fx.raw();
        for (int i = 0; i < 20; i++) {
            caller.writeLine("{\"type\":\"request\",\"id\":\"Q\",\"target\":\"mute\",\"correlation_id\":\"q-" + i + "\"}");
        }
        for (int i = 0; i < 8; i++) {
            assertEquals("q-" + i, mute.readMessage().correlationId().replaceFirst("^t[0-9]+:", ""));
        }
        Connection callerConn = fx.transport.connections().stream().filter(c -> c.inflightRequests() == 8).findFirst()
                .orElseThrow();
        assertEquals(8, callerConn.framesIn(), "the other 12 lines wait unread");
        assertEquals(8, statsOf("mute").received());
        // the mute peer leaves: its 8 are answered with errors, reading resumes, the rest find no 'mute'
        mute.close();
        // Reading resumes as soon as the first of the 8 is answered, so the 12 later requests'
        // answers may interleave with the 8 errors: check each group, and order within the 12.
        java.util.Set<String> wentAway = new java.util.TreeSet<>();
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Message m = caller.readMessage();
            int n = Integer.parseInt(m.correlationId().substring(2));
            if (n < 8) {
                assertEquals("endpoint 'mute' went away", m.error(), m.correlationId());
                wentAway.add(m.correlationId());
            } else {
                assertEquals("unknown target 'mute'", m.error(), m.correlationId());
                unknown.add(m.correlationId());
            }
        }
        assertEquals(java.util.Set.of("q-0", "q-1", "q-2", "q-3", "q-4", "q-5", "q-6", "q-7"), wentAway);
        assertEquals(java.util.stream.IntStream.range(8, 20).mapToObj(i -> "q-" + i).toList(), unknown);
        assertEquals(20, callerConn.framesIn());
    }
}
