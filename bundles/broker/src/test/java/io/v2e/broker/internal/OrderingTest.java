package io.v2e.broker.internal;

import static io.v2e.broker.internal.RouterTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;

/** Per-producer sequence numbers must arrive in order at each endpoint, with none lost. */
class OrderingTest {

    static final int PRODUCERS = 4;
    static final int PER_PRODUCER = 20_000;

    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    /** Checks that each producer's sequence (payload "P,N") arrives 0,1,2,... with no gap. Worker thread only. */
    static final class SequenceChecker implements Endpoint {
        final int[] next = new int[PRODUCERS];
        final List<String> faults = new ArrayList<>();
        final AtomicInteger count = new AtomicInteger();

        @Override
        public String handle(Message m) {
            String p = m.payload();
            int comma = p.indexOf(',');
            int producer = Integer.parseInt(p.substring(1, comma));
            int seq = Integer.parseInt(p.substring(comma + 1, p.length() - 1));
            if (seq != next[producer] && faults.size() < 10) {
                faults.add("producer " + producer + ": expected " + next[producer] + ", got " + seq);
            }
            next[producer] = seq + 1;
            count.incrementAndGet();
            return null;
        }
    }

    static List<Thread> producers(Router router, List<String> targets) {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < PER_PRODUCER; i++) {
                    for (String target : targets) {
                        SendResult r = router.send(Message.event("p" + producer, target, "seq", "[" + producer + "," + i + "]"));
                        if (r != SendResult.ACCEPTED) {
                            throw new AssertionError("send " + i + " of producer " + producer + ": " + r);
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        return threads;
    }

    @Test
    void concurrentProducersSequencesArriveInOrderAtEveryEndpoint() throws Exception {
        router = new Router(new BrokerSettings(2, CpuSet.empty(), 0, BrokerSettings.DEFAULTS.ioPriority(), 1024,
                OfferPolicy.block, 100, 30_000, 1024, IdleStrategy.Kind.backoff, 1000, ThreadScheduling.OTHER),
                new RecordingProvider("fake", CpuSet.of(0, 1)), "o-");
        SequenceChecker a = new SequenceChecker();
        SequenceChecker b = new SequenceChecker();
        router.addEndpoint("a", a, 0, 1);
        router.addEndpoint("b", b, 0, 2);
        for (Thread t : producers(router, List.of("a", "b"))) {
            t.join();
        }
        await("all delivered", () -> a.count.get() == PRODUCERS * PER_PRODUCER && b.count.get() == PRODUCERS * PER_PRODUCER);
        assertEquals(List.of(), a.faults);
        assertEquals(List.of(), b.faults);
        for (int p = 0; p < PRODUCERS; p++) {
            assertEquals(PER_PRODUCER, a.next[p]);
            assertEquals(PER_PRODUCER, b.next[p]);
        }
    }
}
