package io.v2e.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.SendResult;
import io.v2e.broker.api.rpc.MessageStats;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.tuning.api.CpuSet;

/** A response or error for a waiting request is taken only from the endpoint the request was sent to. */
class AnswersOnlyFromTheAskedTest {

    private final Router router = new Router(BrokerSettings.DEFAULTS.withWorkers(2),
            new RecordingProvider("fake", CpuSet.of(0)), "t-");

    @AfterEach
    void stop() {
        router.stop();
    }

    /** An endpoint that answers later (as a connection to another process does), recording what it was given. */
    private static final class Later implements Endpoint {
        final List<Message> given = new CopyOnWriteArrayList<>();

        @Override
        public String handle(Message message) {
            given.add(message);
            return null;
        }

        @Override
        public boolean answersLater() {
            return true;
        }
    }

    private Message delivered(Later endpoint) {
        RouterTest.await("request delivered", () -> !endpoint.given.isEmpty());
        return endpoint.given.get(0);
    }

    @Test
    void forgedResponseIsRefusedCountedAndTheCallerGetsTheRealOne() throws Exception {
        Later proc = new Later();
        router.addEndpoint("proc", proc, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "proc", "M", null, "c1"));
        Message given = delivered(proc);

        Message forged = new Message(MessageType.RESPONSE, "M", "\"forged\"", null, "mallory", "me", "c1");
        assertEquals(SendResult.REFUSED, router.send(forged));
        assertFalse(answer.isDone(), "a forged response must not complete the request");
        assertEquals(1, router.stats().forgedAnswers());

        assertEquals(SendResult.ACCEPTED, router.send(given.response("\"real\"")));
        assertEquals("\"real\"", RouterTest.get(answer).payload());
        assertEquals("proc", RouterTest.get(answer).source());
        assertEquals(1, router.stats().forgedAnswers());
    }

    @Test
    void forgedErrorIsRefusedLikewise() throws Exception {
        Later proc = new Later();
        router.addEndpoint("proc", proc, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "proc", "M", null, "c1"));
        Message given = delivered(proc);

        assertEquals(SendResult.REFUSED, router.send(given.errorReply("mallory", "forged failure")));
        assertFalse(answer.isDone());

        router.send(given.response("\"real\""));
        assertEquals(MessageType.RESPONSE, RouterTest.get(answer).type());
        assertEquals(1, router.stats().forgedAnswers());
    }

    @Test
    void aResponseClaimingTheCallersOwnNameIsRefusedToo() throws Exception {
        // the answer must come from the target, not from anyone the request mentions
        Later proc = new Later();
        router.addEndpoint("proc", proc, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "proc", "M", null, "c1"));
        delivered(proc);
        assertEquals(SendResult.REFUSED,
                router.send(new Message(MessageType.RESPONSE, "M", "1", null, "me", "me", "c1")));
        assertFalse(answer.isDone());
    }

    @Test
    void aRequestToAnInContainerEndpointCannotBeAnsweredFromOutside() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        router.addEndpoint("svc", m -> {
            release.await(20, TimeUnit.SECONDS);
            return "\"from svc\"";
        }, 0, 1);
        CompletableFuture<Message> answer = router.request(Message.request("me", "svc", "M", null, "c1"));
        assertEquals(SendResult.REFUSED,
                router.send(new Message(MessageType.RESPONSE, "M", "\"forged\"", null, "mallory", "me", "c1")));
        release.countDown();
        assertEquals("\"from svc\"", RouterTest.get(answer).payload());
    }

    @Test
    void forgedAnswersAreCountedInRpcGetMessageStats() throws Exception {
        Later proc = new Later();
        router.addEndpoint("proc", proc, 0, 1);
        router.request(Message.request("me", "proc", "M", null, "c1"));
        delivered(proc);
        router.send(new Message(MessageType.RESPONSE, "M", "1", null, "mallory", "me", "c1"));
        Message stats = RouterTest.get(router.request(Message.request("me", "broker", "RPCGetMessageStats", "{}", "s")));
        assertEquals(1, RpcJson.read(stats.payload(), MessageStats.class).totals().forgedAnswers());
        assertEquals(true, stats.payload().contains("\"forged_answers\":1"), stats.payload());
    }
}
