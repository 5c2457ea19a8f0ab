package io.v2e.broker.internal;

import static io.v2e.broker.internal.RouterTest.await;
import static io.v2e.broker.internal.RouterTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.SendResult;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;

/**
 * Each offer policy with exact counts: the endpoint's handler blocks on its first message, so the
 * queue behind it fills deterministically (capacity 4, then 10 more messages).
 */
class OfferPolicyTest {

    private static final int CAPACITY = 4;
    private Router router;
    private final TestEndpoints.Gate gate = new TestEndpoints.Gate();

    @AfterEach
    void stop() {
        gate.release.countDown();
        if (router != null) {
            router.stop();
        }
    }

    private void start(OfferPolicy policy) throws InterruptedException {
        router = new Router(new BrokerSettings(1, CpuSet.empty(), 0, BrokerSettings.DEFAULTS.ioPriority(), CAPACITY,
                policy, 5, 30_000, 1024, IdleStrategy.Kind.backoff, 1000, ThreadScheduling.OTHER),
                new RecordingProvider("fake", CpuSet.of(0)), "p-");
        router.addEndpoint("svc", gate, 0, 1);
        router.send(Message.event("me", "svc", "m0", null));
        gate.awaitEntered();
    }

    private List<SendResult> sendTen() {
        List<SendResult> results = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            results.add(router.send(Message.event("me", "svc", "m" + i, null)));
        }
        return results;
    }

    private EndpointStats stats() {
        return router.stats().endpoints().stream().filter(e -> e.name().equals("svc")).findFirst().orElseThrow();
    }

    private static long count(List<SendResult> results, SendResult which) {
        return results.stream().filter(r -> r == which).count();
    }

    @Test
    void dropKeepsTheFirstAndDropsTheNew() throws Exception {
        start(OfferPolicy.drop);
        List<SendResult> results = sendTen();
        assertEquals(4, count(results, SendResult.ACCEPTED));
        assertEquals(6, count(results, SendResult.DROPPED));
        assertEquals(6, stats().drops());
        assertEquals(4, stats().queueDepth());
        gate.release.countDown();
        await("all queued delivered", () -> gate.received.size() == 5);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), gate.ids());
        assertEquals(11, stats().received());
        assertEquals(5, stats().delivered());
    }

    @Test
    void dropOldestKeepsTheNewest() throws Exception {
        start(OfferPolicy.drop_oldest);
        List<SendResult> results = sendTen();
        assertEquals(10, count(results, SendResult.ACCEPTED));
        gate.release.countDown();
        await("newest delivered", () -> gate.received.size() == 5);
        assertEquals(List.of("m0", "m7", "m8", "m9", "m10"), gate.ids());
        assertEquals(6, stats().drops());
        assertEquals(11, stats().received());
        assertEquals(5, stats().delivered());
    }

    @Test
    void timeoutWaitsThenDrops() throws Exception {
        start(OfferPolicy.timeout);
        List<SendResult> results = sendTen();
        assertEquals(4, count(results, SendResult.ACCEPTED));
        assertEquals(6, count(results, SendResult.DROPPED));
        assertEquals(6, stats().drops());
        gate.release.countDown();
        await("queued delivered", () -> gate.received.size() == 5);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), gate.ids());
    }

    @Test
    void blockWaitsForRoomAndLosesNothing() throws Exception {
        start(OfferPolicy.block);
        List<SendResult> results = new ArrayList<>();
        Thread producer = new Thread(() -> results.addAll(sendTen()));
        producer.start();
        await("producer blocked on the full queue", () -> stats().queueDepth() == CAPACITY
                && (producer.getState() == Thread.State.TIMED_WAITING || producer.getState() == Thread.State.WAITING));
        assertEquals(List.of(), gate.ids()); // nothing completed while blocked
        gate.release.countDown();
        producer.join();
        assertEquals(10, count(results, SendResult.ACCEPTED));
        await("all delivered", () -> gate.received.size() == 11);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"), gate.ids());
        assertEquals(0, stats().drops());
    }

    @Test
    void droppedRequestIsAnsweredWithError() throws Exception {
        start(OfferPolicy.drop);
        sendTen();
        CompletableFuture<Message> dropped = router.request(Message.request("me", "svc", "RPCLate", null, "c-d"));
        assertEquals(new Message(MessageType.ERROR, "RPCLate", null,
                "dropped: queue of 'svc' is full (offer_policy drop, capacity 4)", "broker", "me", "c-d"), get(dropped));
    }

    @Test
    void requestDroppedAsOldestIsAnsweredWithError() throws Exception {
        start(OfferPolicy.drop_oldest);
        CompletableFuture<Message> oldest = router.request(Message.request("me", "svc", "RPCOld", null, "c-o"));
        sendTen();
        gate.release.countDown();
        assertEquals(new Message(MessageType.ERROR, "RPCOld", null,
                "dropped: queue of 'svc' is full (offer_policy drop_oldest, capacity 4)", "broker", "me", "c-o"),
                get(oldest));
    }
}
