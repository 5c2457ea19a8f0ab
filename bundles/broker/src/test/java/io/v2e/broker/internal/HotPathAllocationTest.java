package io.v2e.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;

/**
 * "No per-message allocation beyond the message": the bytes the producer thread and the worker
 * thread allocate while 100k pre-built events are sent and delivered, read from the JVM's
 * per-thread allocation counters (HotSpot's com.sun.management.ThreadMXBean).
 */
class HotPathAllocationTest {

    private static final int MESSAGES = 100_000;
    private static final int BURST = 500; // below the queue's initial 1024 slots: no queue growth
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    @Test
    void sendingAndDeliveringAllocateNothingPerMessage() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        router = new Router(new BrokerSettings(1, CpuSet.empty(), 0, BrokerSettings.DEFAULTS.ioPriority(), 4096,
                OfferPolicy.block, 100, 30_000, 1024, IdleStrategy.Kind.backoff, 1000, ThreadScheduling.OTHER),
                new RecordingProvider("fake", CpuSet.of(0)), "a-");
        AtomicLong delivered = new AtomicLong();
        router.addEndpoint("sink", m -> {
            delivered.lazySet(delivered.get() + 1);
            return null;
        }, 0, 1);
        Message[] events = new Message[BURST];
        for (int i = 0; i < BURST; i++) {
            events[i] = Message.event("me", "sink", "e", "{\"i\":" + i + "}");
        }
        sendBursts(events, 20_000, delivered); // warm up: JIT, histogram ranges, lazily built state
        Worker worker = router.workers()[0];
        long workerBefore = threads.getThreadAllocatedBytes(worker.getId());
        long producerBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        sendBursts(events, MESSAGES, delivered);
        long producerBytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - producerBefore;
        long workerBytes = threads.getThreadAllocatedBytes(worker.getId()) - workerBefore;
        assertEquals(20_000 + MESSAGES, delivered.get());
        System.out.println("hot path: producer allocated " + producerBytes + " bytes, worker " + workerBytes + " bytes for "
                + MESSAGES + " events");
        // One-off noise (a histogram growing to a new latency range) is allowed, under 5 bytes per
        // message; a single 16-byte object per message would be 1.6 MB.
        assertTrue(producerBytes < 5L * MESSAGES, "producer allocated " + producerBytes + " bytes for " + MESSAGES + " sends");
        assertTrue(workerBytes < 5L * MESSAGES, "worker allocated " + workerBytes + " bytes for " + MESSAGES + " deliveries");
    }

    private void sendBursts(Message[] events, int count, AtomicLong delivered) throws InterruptedException {
        long target = delivered.get();
        for (int sent = 0; sent < count; sent += BURST) {
            for (Message m : events) {
                if (router.send(m) != SendResult.ACCEPTED) {
                    throw new AssertionError("not accepted");
                }
            }
            target += BURST;
            long t = target;
            while (delivered.get() < t) {
                Thread.onSpinWait();
            }
        }
    }
}
