package io.v2e.broker.internal;

import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;

import static io.v2e.broker.internal.RouterTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.CpuSet;

class IdleStrategyTest {

    /** Each strategy wakes up for work that arrives after its worker went idle. */
    @ParameterizedTest
    @EnumSource(IdleStrategy.Kind.class)
    void everyStrategyServesMessagesArrivingAfterIdling(IdleStrategy.Kind kind) throws Exception {
        Router router = new Router(new BrokerSettings(1, CpuSet.empty(), 0, BrokerSettings.DEFAULTS.ioPriority(), 16,
                OfferPolicy.block, 100, 30_000, 1024, kind, 1000, ThreadScheduling.OTHER), new RecordingProvider("fake", CpuSet.of(0)), "i-");
        try {
            router.addEndpoint("echo", new TestEndpoints.Recording(), 0, 1);
            for (int i = 0; i < 3; i++) {
                Thread.sleep(20); // long enough for backoff to reach parking
                Message answer = get(router.request(Message.request("me", "echo", "m" + i, "\"" + i + "\"", null)));
                assertEquals(MessageType.RESPONSE, answer.type());
                assertEquals("\"" + i + "\"", answer.payload());
            }
            assertEquals(kind, router.workers()[0].idleKind());
        } finally {
            router.stop();
        }
    }

    /**
     * wake: an idle worker sleeps in the kernel (state S in /proc, not spinning on its CPU), and a
     * request queued for it wakes it through the producer (counted), not through a timer alone.
     */
    @Test
    void anIdleWakeWorkerSleepsInTheKernelAndTheProducerWakesIt() throws Exception {
        Router router = new Router(new BrokerSettings(1, CpuSet.empty(), 0, BrokerSettings.DEFAULTS.ioPriority(), 16,
                OfferPolicy.block, 100, 30_000, 1024, IdleStrategy.Kind.wake, 1000, ThreadScheduling.OTHER),
                new RecordingProvider("fake", CpuSet.of(0)), "w-");
        try {
            router.addEndpoint("echo", new TestEndpoints.Recording(), 0, 1);
            Worker worker = router.workers()[0];
            Thread.sleep(50); // past the spin phase
            int sleepingSamples = 0;
            for (int i = 0; i < 20; i++) {
                if (threadState(worker.tid()) == 'S') {
                    sleepingSamples++;
                }
                Thread.sleep(5);
            }
            assertTrue(sleepingSamples >= 15, "an idle wake worker should sleep, was S in " + sleepingSamples + " of 20 samples");
            long before = worker.wakeUps();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(20);
                assertEquals("\"" + i + "\"", get(router.request(Message.request("me", "echo", "m" + i, "\"" + i + "\"", null))).payload());
            }
            assertTrue(worker.wakeUps() > before, "the producer woke the sleeping worker at least once");
        } finally {
            router.stop();
        }
    }

    /** The state letter of a thread of this process, from /proc (after the command name's closing parenthesis). */
    private static char threadState(int tid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + tid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void unknownNamesAreRefusedNamingTheAcceptedOnes() {
        assertEquals("idle_strategy 'sleep' is unknown (expected spin, yield, park, backoff or wake)",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfigCheck.check(BrokerConfig.class, java.util.Map.of("idle_strategy", "sleep"))).getMessage());
    }

    @Test
    void theConfigurationWordsAreTheKinds() {
        assertEquals(IdleStrategy.Kind.backoff,
                Configs.of(java.util.Map.of("idle_strategy", "backoff")).idle__strategy());
    }
}
