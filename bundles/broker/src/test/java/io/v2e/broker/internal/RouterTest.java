package io.v2e.broker.internal;

import java.time.Duration;

import org.awaitility.Awaitility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.SendResult;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;

class RouterTest {

    private final RecordingProvider provider = new RecordingProvider("fake", CpuSet.of(0));
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    private Router start(BrokerSettings settings) {
        router = new Router(settings, provider, "t-");
        return router;
    }

    private Router start() {
        return start(BrokerSettings.DEFAULTS.withWorkers(2));
    }

    static Message get(CompletableFuture<Message> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
                .until(condition::getAsBoolean);
    }

    private EndpointStats statsOf(String name) {
        return router.stats().endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- routing

    @Test
    void requestIsAnsweredWithTheEndpointsPayloadUnderItsIdAndCorrelationId() throws Exception {
        start();
        router.addEndpoint("echo", new TestEndpoints.Recording(), 0, 1);
        Message answer = get(router.request(Message.request("me", "echo", "RPCEcho", "{\"n\": [1, 2]}", "c-42")));
        assertEquals(new Message(MessageType.RESPONSE, "RPCEcho", "{\"n\": [1, 2]}", null, "echo", "me", "c-42"), answer);
    }

    @Test
    void requestWithoutCorrelationIdGetsOne() throws Exception {
        start();
        router.addEndpoint("echo", new TestEndpoints.Recording(), 0, 1);
        Message answer = get(router.request(Message.request("me", "echo", "m", "1", null)));
        assertEquals(MessageType.RESPONSE, answer.type());
        assertTrue(answer.correlationId().startsWith("t-"), answer.correlationId());
    }

    @Test
    void eventReachesItsTargetAsSent() throws Exception {
        start();
        TestEndpoints.Recording sink = new TestEndpoints.Recording();
        router.addEndpoint("sink", sink, 0, 1);
        Message event = Message.event("src", "sink", "tick", "{\"t\":1}");
        assertEquals(SendResult.ACCEPTED, router.send(event));
        await("event delivered", () -> sink.received.size() == 1);
        assertEquals(event, sink.received.get(0));
    }

    @Test
    void responseSentByAnEndpointReachesTheRequestingEndpoint() throws Exception {
        start();
        TestEndpoints.Recording a = new TestEndpoints.Recording();
        router.addEndpoint("a", a, 0, 1);
        router.addEndpoint("b", new TestEndpoints.Recording(), 0, 2);
        router.send(Message.request("a", "b", "RPCPing", "\"hi\"", "x1"));
        await("answer delivered to a", () -> a.received.size() == 1);
        assertEquals(new Message(MessageType.RESPONSE, "RPCPing", "\"hi\"", null, "b", "a", "x1"), a.received.get(0));
    }

    @Test
    void highestRankingWinsAndUnregisteringTakesEffectAtOnce() throws Exception {
        start();
        TestEndpoints.Recording low = new TestEndpoints.Recording();
        TestEndpoints.Recording high = new TestEndpoints.Recording();
        router.addEndpoint("svc", low, 0, 10);
        router.addEndpoint("svc", high, 5, 11);
        get(router.request(Message.request("me", "svc", "first", null, null)));
        router.removeEndpoint("svc", high, 11);
        get(router.request(Message.request("me", "svc", "second", null, null)));
        router.removeEndpoint("svc", low, 10);
        Message third = get(router.request(Message.request("me", "svc", "third", null, "c3")));
        assertEquals(List.of("first"), high.ids());
        assertEquals(List.of("second"), low.ids());
        assertEquals(new Message(MessageType.ERROR, "third", null, "unknown target 'svc'", "broker", "me", "c3"), third);
    }

    @Test
    void equalRankingsPreferTheLowerServiceId() throws Exception {
        start();
        TestEndpoints.Recording older = new TestEndpoints.Recording();
        TestEndpoints.Recording newer = new TestEndpoints.Recording();
        router.addEndpoint("svc", newer, 0, 8);
        router.addEndpoint("svc", older, 0, 7);
        get(router.request(Message.request("me", "svc", "m", null, null)));
        assertEquals(List.of("m"), older.ids());
        assertEquals(List.of(), newer.ids());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownTargetIsAnsweredWithError() throws Exception {
        start();
        Message answer = get(router.request(Message.request("me", "nowhere", "RPCX", "{}", "c-1")));
        assertEquals(new Message(MessageType.ERROR, "RPCX", null, "unknown target 'nowhere'", "broker", "me", "c-1"), answer);
        assertEquals(1, router.stats().unknownTarget());
    }

    @Test
    void unknownTargetOfAnEventIsAnsweredToItsSourceEndpoint() throws Exception {
        start();
        TestEndpoints.Recording src = new TestEndpoints.Recording();
        router.addEndpoint("src", src, 0, 1);
        assertEquals(SendResult.UNKNOWN_TARGET, router.send(Message.event("src", "ghost", "tick", "1")));
        await("error delivered", () -> src.received.size() == 1);
        assertEquals(new Message(MessageType.ERROR, "tick", null, "unknown target 'ghost'", "broker", "src", null),
                src.received.get(0));
    }

    @Test
    void handlerThatThrowsIsAnsweredWithItsMessage() throws Exception {
        start();
        router.addEndpoint("bad", m -> {
            throw new IllegalStateException("disk on fire");
        }, 0, 1);
        Message answer = get(router.request(Message.request("me", "bad", "RPCWrite", "{}", "c-7")));
        assertEquals(new Message(MessageType.ERROR, "RPCWrite", null, "disk on fire", "bad", "me", "c-7"), answer);
        assertEquals(1, statsOf("bad").errors());
        assertEquals(0, statsOf("bad").delivered());
    }

    @Test
    void requestTimesOutWithError() throws Exception {
        start();
        TestEndpoints.Gate gate = new TestEndpoints.Gate();
        router.addEndpoint("slow", gate, 0, 1);
        Message answer = get(router.request(Message.request("me", "slow", "RPCSlow", null, "c-t"), 30));
        gate.release.countDown();
        assertEquals(new Message(MessageType.ERROR, "RPCSlow", null, "timeout after 30 ms", "broker", "me", "c-t"), answer);
    }

    @Test
    void requestsQueuedForAnEndpointThatWentAwayAreAnsweredWithErrors() throws Exception {
        start();
        TestEndpoints.Gate gate = new TestEndpoints.Gate();
        router.addEndpoint("svc", gate, 0, 1);
        CompletableFuture<Message> running = router.request(Message.request("me", "svc", "r1", null, "c1"));
        gate.awaitEntered();
        CompletableFuture<Message> queued2 = router.request(Message.request("me", "svc", "r2", null, "c2"));
        CompletableFuture<Message> queued3 = router.request(Message.request("me", "svc", "r3", null, "c3"));
        router.removeEndpoint("svc", gate, 1);
        gate.release.countDown();
        assertEquals(MessageType.RESPONSE, get(running).type()); // it ran to completion: its answer stands
        assertEquals(new Message(MessageType.ERROR, "r2", null, "endpoint 'svc' went away", "svc", "me", "c2"), get(queued2));
        assertEquals(new Message(MessageType.ERROR, "r3", null, "endpoint 'svc' went away", "svc", "me", "c3"), get(queued3));
        assertEquals(2, statsOf("svc").errors());
    }

    @Test
    void requestsRunningOnAnEndpointThatAnswersLaterAreAnsweredWhenItGoesAway() throws Exception {
        start();
        List<Message> given = new ArrayList<>();
        Endpoint external = new Endpoint() {
            @Override
            public synchronized String handle(Message message) {
                given.add(message);
                return null;
            }

            @Override
            public boolean answersLater() {
                return true;
            }
        };
        router.addEndpoint("proc", external, 0, 1);
        CompletableFuture<Message> answered = router.request(Message.request("me", "proc", "a", null, "ca"));
        CompletableFuture<Message> orphan = router.request(Message.request("me", "proc", "b", null, "cb"));
        await("both handed over", () -> statsOf("proc").delivered() == 2);
        router.send(new Message(MessageType.RESPONSE, "a", "true", null, "proc", "me", "ca"));
        assertEquals("true", get(answered).payload());
        router.removeEndpoint("proc", external, 1);
        assertEquals(new Message(MessageType.ERROR, "b", null, "endpoint 'proc' went away", "proc", "me", "cb"), get(orphan));
    }

    @Test
    void tooLargePayloadIsAnsweredWithError() throws Exception {
        start(new BrokerSettings(1, CpuSet.empty(), 0, BrokerSettings.DEFAULTS.ioPriority(), 16, OfferPolicy.drop, 1,
                1000, 8, IdleStrategy.Kind.backoff, 100, ThreadScheduling.OTHER));
        router.addEndpoint("svc", new TestEndpoints.Recording(), 0, 1);
        Message answer = get(router.request(Message.request("me", "svc", "big", "\"0123456789\"", "c")));
        assertEquals("message payload exceeds max_message_bytes 8", answer.error());
    }

    @Test
    void unknownBrokerMethodIsAnsweredWithError() throws Exception {
        start();
        Message answer = get(router.request(Message.request("me", "broker", "RPCNope", "{}", "c")));
        assertEquals(MessageType.ERROR, answer.type());
        assertTrue(answer.error().startsWith("unknown broker method 'RPCNope'"), answer.error());
    }

    // ---------------------------------------------------------------- stop

    @Test
    void stopDeliversWhatIsQueuedWithinTheDrainTime() throws Exception {
        start();
        TestEndpoints.Recording sink = new TestEndpoints.Recording();
        router.addEndpoint("sink", sink, 0, 1);
        for (int i = 0; i < 1000; i++) {
            router.send(Message.event("me", "sink", "e" + i, null));
        }
        router.stop();
        assertEquals(1000, sink.received.size());
        assertEquals(SendResult.STOPPED, router.send(Message.event("me", "sink", "late", null)));
        assertEquals(new Message(MessageType.ERROR, "late", null, "broker is stopping", "broker", "me", "cz"),
                get(router.request(Message.request("me", "sink", "late", null, "cz"))));
    }

    @Test
    void stopAnswersWhatIsLeftAfterTheDrainTime() throws Exception {
        start(BrokerSettings.DEFAULTS.withWorkers(1));
        router.configure(new BrokerSettings(1, CpuSet.empty(), -10, BrokerSettings.DEFAULTS.ioPriority(), 100,
                OfferPolicy.block, 100, 30_000, 1024, IdleStrategy.Kind.backoff, 20, ThreadScheduling.OTHER));
        TestEndpoints.Gate gate = new TestEndpoints.Gate();
        router.addEndpoint("svc", gate, 0, 1);
        router.send(Message.event("me", "svc", "first", null));
        gate.awaitEntered();
        CompletableFuture<Message> left = router.request(Message.request("me", "svc", "r", null, "cl"));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.release.countDown();
        });
        releaser.start();
        router.stop(); // drains 20 ms, then waits for the running handler, then answers the rest
        assertEquals(new Message(MessageType.ERROR, "r", null, "broker stopped before delivering it to 'svc'", "broker",
                "me", "cl"), get(left));
        assertEquals(List.of("first"), gate.ids());
    }

    @Test
    void aHandlerRegisteringAnEndpointWhileTheBrokerStopsDoesNotDeadlockTheStop() throws Exception {
        start(BrokerSettings.DEFAULTS.withWorkers(1));
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        router.addEndpoint("svc", m -> {
            entered.countDown();
            release.await();
            router.addEndpoint("late", new TestEndpoints.Recording(), 0, 9); // takes the router's lock
            return null;
        }, 0, 1);
        router.send(Message.event("me", "svc", "e", null));
        entered.await();
        Thread stopper = new Thread(router::stop);
        stopper.start();
        await("stop under way", () -> router.send(Message.event("me", "svc", "x", null)) == SendResult.STOPPED);
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(!stopper.isAlive(), "stop() finished");
    }

    // ---------------------------------------------------------------- stats

    @Test
    void statsCountPerEndpointAndInTotal() throws Exception {
        start();
        router.addEndpoint("ok", new TestEndpoints.Recording(), 0, 1);
        router.addEndpoint("bad", m -> {
            throw new RuntimeException("no");
        }, 0, 2);
        for (int i = 0; i < 5; i++) {
            get(router.request(Message.request("me", "ok", "m", null, null)));
        }
        get(router.request(Message.request("me", "bad", "m", null, null)));
        get(router.request(Message.request("me", "missing", "m", null, null)));
        // A worker records a batch's latencies after the batch, i.e. after the last answer went out.
        await("latencies of the batch recorded", () -> statsOf("ok").handlerLatency().count() == 5);
        EndpointStats ok = statsOf("ok");
        assertEquals(5, ok.received());
        assertEquals(5, ok.delivered());
        assertEquals(0, ok.errors());
        assertEquals(5, ok.queueLatency().count());
        assertEquals(5, ok.handlerLatency().count());
        assertEquals(io.v2e.broker.api.EndpointKind.INTERNAL, ok.kind());
        BrokerStats s = router.stats();
        assertEquals(6, s.received());
        assertEquals(5, s.delivered());
        assertEquals(1, s.errors());
        assertEquals(1, s.unknownTarget());
        assertNull(s.endpoints().stream().filter(e -> e.name().equals("missing")).findFirst().orElse(null));
    }

    @Test
    void recentLatencyCoversEachEndpointWithTrafficAndTheTotal() throws Exception {
        start();
        router.addEndpoint("ok", new TestEndpoints.Recording(), 0, 1);
        router.addEndpoint("idle", new TestEndpoints.Recording(), 0, 2);
        for (int i = 0; i < 7; i++) {
            get(router.request(Message.request("me", "ok", "m", null, null)));
        }
        await("latencies of the batch recorded", () -> router.recentLatency().handlerLatency().count() == 7);
        io.v2e.broker.api.RecentLatency recent = router.recentLatency();
        assertEquals(List.of("ok"), recent.endpoints().stream().map(io.v2e.broker.api.RecentLatency.Endpoint::name).toList());
        assertEquals(7, recent.endpoints().get(0).queueLatency().count());
        assertEquals(7, recent.queueLatency().count());
        assertTrue(recent.windowMillis() <= 2 * io.v2e.broker.api.RecentLatency.STEP_MILLIS, "window " + recent.windowMillis());
    }

    // ---------------------------------------------------------------- reconfiguring

    @Test
    void newWorkerCountWhileAHandlerNeedsTheBrokerLockCompletesAndLosesNothing() throws Exception {
        start();
        CompletableFuture<Void> handlerEntered = new CompletableFuture<>();
        CompletableFuture<Void> mayGoOn = new CompletableFuture<>();
        // Like a broker RPC: the handler reads state behind the router's lock before it answers.
        router.addEndpoint("slow", m -> {
            handlerEntered.complete(null);
            mayGoOn.join();
            return "\"" + router.providerName() + "\"";
        }, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "slow", "m", "1", "c-1"));
        handlerEntered.get(20, TimeUnit.SECONDS);
        Thread reconfigure = new Thread(() -> router.configure(BrokerSettings.DEFAULTS.withWorkers(1)), "reconfigure");
        reconfigure.start();
        // configure() now waits for the busy worker; only then may the handler ask for the lock.
        await("configure waiting for the old worker", () -> reconfigure.getState() == Thread.State.TIMED_WAITING);
        mayGoOn.complete(null);
        reconfigure.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(!reconfigure.isAlive(), "configure() deadlocked with the handler");
        assertEquals("\"fake\"", get(answer).payload());
        assertEquals(1, router.workers().length);
        // The new worker serves the endpoint.
        assertEquals("\"fake\"", get(router.request(Message.request("me", "slow", "m", "2", "c-2"))).payload());
    }
}
