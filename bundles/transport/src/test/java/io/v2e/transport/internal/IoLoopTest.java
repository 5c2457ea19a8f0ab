package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An I/O loop's selector is woken only when the loop sleeps in select, once per sleep. */
class IoLoopTest {

    private final IoLoop loop;

    IoLoopTest() throws Exception {
        loop = new IoLoop(0, "test-io-0", new LoopTuner(null, LoopSettings.DEFAULTS));
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.shutdown();
        loop.awaitFinished(5000);
    }

    @Test
    void tasksHandedToAnAwakeLoopWakeNoSelector() throws Exception {
        await("asleep").atMost(TransportFixture.PATIENCE).until(loop::asleep);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> { // keeps the loop awake, running tasks
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        busy.await();
        long before = loop.wakeups();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            loop.execute(ran::incrementAndGet);
        }
        release.countDown();
        await("all run").atMost(TransportFixture.PATIENCE).until(() -> ran.get() == 100);
        assertEquals(before, loop.wakeups(), "the loop was awake: no task woke its selector");
    }

    @Test
    void aSleepingLoopIsWokenOnceForATask() throws Exception {
        await("asleep").atMost(TransportFixture.PATIENCE).until(loop::asleep);
        long before = loop.wakeups();
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(ran::countDown);
        ran.await();
        assertEquals(before + 1, loop.wakeups());
    }
}
