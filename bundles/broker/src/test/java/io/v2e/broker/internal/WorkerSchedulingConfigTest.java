package io.v2e.broker.internal;

import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;

/** worker_scheduling and worker_rt_priority as an operator writes them in etc/io.v2e.broker.cfg. */
class WorkerSchedulingConfigTest {

    private static BrokerSettings settings(Object... kv) {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            props.put((String) kv[i], kv[i + 1]);
        }
        ConfigCheck.check(BrokerConfig.class, props);
        return BrokerSettings.of(Configs.of(props));
    }

    private static String rejection(Object... kv) {
        return assertThrows(IllegalArgumentException.class, () -> settings(kv)).getMessage();
    }

    @Test
    void defaultLeavesWorkersOnTheNormalPolicy() {
        assertEquals(ThreadScheduling.OTHER, settings().scheduling());
        assertEquals(ThreadScheduling.OTHER, BrokerSettings.DEFAULTS.scheduling());
    }

    @Test
    void fifoWithParkTakesTheConfiguredPriority() {
        assertEquals(new ThreadScheduling(SchedulingPolicy.FIFO, 10),
                settings("worker_scheduling", "fifo", "idle_strategy", "park").scheduling());
        assertEquals(new ThreadScheduling(SchedulingPolicy.RR, 42),
                settings("worker_scheduling", "rr", "worker_rt_priority", "42", "idle_strategy", "park").scheduling());
    }

    @Test
    void normalPoliciesIgnoreTheRealTimePriority() {
        assertEquals(new ThreadScheduling(SchedulingPolicy.BATCH, 0),
                settings("worker_scheduling", "batch", "worker_rt_priority", 30).scheduling());
    }

    @Test
    void realTimeWithABusyWaitingIdleStrategyIsRejected() {
        assertEquals("worker_scheduling=fifo needs idle_strategy=wake or park, was backoff (spin, yield and backoff busy-wait,"
                + " and a busy-waiting real-time worker starves every normal thread on its CPU)",
                rejection("worker_scheduling", "fifo", "idle_strategy", "backoff"));
        assertEquals("worker_scheduling=rr needs idle_strategy=wake or park, was spin (spin, yield and backoff busy-wait,"
                + " and a busy-waiting real-time worker starves every normal thread on its CPU)",
                rejection("worker_scheduling", "rr", "idle_strategy", "spin"));
        assertEquals("worker_scheduling=fifo needs idle_strategy=wake or park, was yield (spin, yield and backoff busy-wait,"
                + " and a busy-waiting real-time worker starves every normal thread on its CPU)",
                rejection("worker_scheduling", "fifo", "idle_strategy", "yield"));
    }

    @Test
    void unknownPolicyIsRejectedNamingTheChoices() {
        assertEquals("worker_scheduling 'deadline' is unknown (expected other, batch, idle, fifo or rr)",
                rejection("worker_scheduling", "deadline"));
    }

    @Test
    void rtPriorityOutside1To99IsRejectedEvenUnderTheNormalPolicy() {
        assertEquals("worker_rt_priority must be 1..99, was 0", rejection("worker_rt_priority", 0));
        assertEquals("worker_rt_priority must be 1..99, was 100",
                rejection("worker_scheduling", "fifo", "idle_strategy", "park", "worker_rt_priority", 100));
        assertEquals("worker_rt_priority must be a whole number, was 'high'", rejection("worker_rt_priority", "high"));
    }

    @Test
    void schedulingChangeRetunesTheWorkersInPlace() {
        BrokerSettings park = settings("idle_strategy", "park");
        BrokerSettings fifo = settings("worker_scheduling", "fifo", "idle_strategy", "park");
        assertEquals(false, park.needsNewWorkers(fifo));
        assertEquals(fifo.scheduling(), fifo.withWorkers(3).withQueue(8, OfferPolicy.drop).scheduling());
    }
}
