package io.v2e.broker.internal;

import static io.v2e.broker.internal.RouterTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.tuning.api.CpuSet;

/** The DS component driven as SCR would: references bound before activation, config changes, rejections. */
class BrokerComponentTest {

    private final BrokerComponent component = new BrokerComponent();
    private final RecordingProvider provider = new RecordingProvider("fake", CpuSet.of(0, 1));

    @AfterEach
    void stop() {
        component.deactivate();
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> endpoint(String name, long id, Integer ranking) {
        Map<String, Object> m = props(Endpoint.NAME_PROPERTY, name, "service.id", id);
        if (ranking != null) {
            m.put("service.ranking", ranking);
        }
        return m;
    }

    private void modify(Map<String, Object> props) {
        component.modified(Configs.of(props), props);
    }

    private void activate(Object... kv) {
        component.activate(Configs.of(props(kv)), null);
        component.providerArrived(provider);
    }

    @Test
    void endpointsBoundBeforeActivationAreReachable() throws Exception {
        TestEndpoints.Recording echo = new TestEndpoints.Recording();
        component.bindEndpoint(echo, endpoint("echo", 5L, null));
        activate("workers", 1);
        assertEquals("[1]", get(component.request(Message.request("me", "echo", "m", "[1]", null))).payload());
    }

    @Test
    void rankingFromServicePropertiesDecidesAndUnbindFallsBack() throws Exception {
        activate("workers", 1);
        TestEndpoints.Recording low = new TestEndpoints.Recording();
        TestEndpoints.Recording high = new TestEndpoints.Recording();
        component.bindEndpoint(low, endpoint("svc", 1L, null));
        component.bindEndpoint(high, endpoint("svc", 2L, 10));
        get(component.request(Message.request("me", "svc", "a", null, null)));
        component.unbindEndpoint(high, endpoint("svc", 2L, 10));
        get(component.request(Message.request("me", "svc", "b", null, null)));
        assertEquals(List.of("a"), high.ids());
        assertEquals(List.of("b"), low.ids());
    }

    @Test
    void updatedServicePropertiesRenameTheEndpoint() throws Exception {
        activate("workers", 1);
        TestEndpoints.Recording e = new TestEndpoints.Recording();
        component.bindEndpoint(e, endpoint("old", 1L, null));
        component.updatedEndpoint(e, endpoint("new", 1L, null));
        assertEquals("unknown target 'old'", get(component.request(Message.request("me", "old", "m", null, null))).error());
        assertEquals(MessageType.RESPONSE, get(component.request(Message.request("me", "new", "m", null, null))).type());
    }

    @Test
    void anEndpointNamedByAnArrayIsIgnoredNotMisnamed() throws Exception {
        activate("workers", 1);
        Map<String, Object> props = props(Endpoint.NAME_PROPERTY, new String[] {"a", "b"}, "service.id", 3L);
        component.bindEndpoint(new TestEndpoints.Recording(), props);
        assertEquals("unknown target 'a'", get(component.request(Message.request("me", "a", "m", null, null))).error());
        assertEquals(List.of("broker"), component.router().stats().endpoints().stream().map(e -> e.name()).toList());
    }

    @Test
    void unknownOfferPolicyIsRejectedAndThePreviousConfigurationStays() throws Exception {
        activate("workers", 1, "offer_policy", "drop", "queue_capacity", 8);
        BrokerSettings before = component.router().settings();
        modify(props("workers", 1, "offer_policy", "sometimes", "queue_capacity", 16));
        assertEquals("offer_policy 'sometimes' is unknown (expected block, drop, drop_oldest or timeout)",
                component.lastRejection());
        assertSame(before, component.router().settings());
        assertEquals(component.lastRejection(), component.router().lastRejection()); // what RPCGetWorkers shows
        assertEquals(OfferPolicy.drop, component.router().settings().offerPolicy());
        assertEquals(8, component.router().settings().queueCapacity());
    }

    @Test
    void eachBadValueIsRejectedWithItsOwnMessage() {
        activate("workers", 1);
        BrokerSettings before = component.router().settings();
        Map<Object[], String> cases = Map.of(
                new Object[] {"nice", 25}, "nice must be -20..19, was 25",
                new Object[] {"queue_capacity", 0}, "queue_capacity must be 1..1048576, was 0",
                new Object[] {"io_class", "urgent"}, "io_class 'urgent' is unknown (expected realtime, best_effort, idle or none)",
                new Object[] {"idle_strategy", "nap"}, "idle_strategy 'nap' is unknown (expected spin, yield, park, backoff or wake)",
                new Object[] {"cpus", "0-x"}, "cpus: bad cpulist '0-x': range end 'x' is not a number",
                new Object[] {"cpus", "5-7"}, "cpus '5-7' names no CPU this process may use (allowed: 0-1)",
                new Object[] {"offer_timeout_ms", 0}, "offer_timeout_ms must be >= 1, was 0",
                new Object[] {"nice", "abc"}, "nice must be a whole number, was 'abc'");
        cases.forEach((kv, message) -> {
            modify(props("workers", 1, kv[0], kv[1]));
            assertEquals(message, component.lastRejection(), () -> kv[0] + "=" + kv[1]);
            assertSame(before, component.router().settings());
        });
    }

    @Test
    void badConfigurationAtActivationStartsWithDefaultsAndSaysWhy() throws Exception {
        activate("offer_policy", "later");
        assertEquals(BrokerSettings.DEFAULTS, component.router().settings());
        assertEquals("offer_policy 'later' is unknown (expected block, drop, drop_oldest or timeout)", component.lastRejection());
        component.bindEndpoint(new TestEndpoints.Recording(), endpoint("echo", 1L, null));
        assertEquals(MessageType.RESPONSE, get(component.request(Message.request("me", "echo", "m", null, null))).type());
    }

    @Test
    void goodChangeIsAppliedLiveAndClearsTheRejection() {
        activate("workers", 1);
        modify(props("workers", 1, "offer_policy", "nope"));
        modify(props("workers", 2, "offer_policy", "drop_oldest", "nice", 3));
        assertNull(component.lastRejection());
        assertNull(component.router().lastRejection());
        assertEquals(OfferPolicy.drop_oldest, component.router().settings().offerPolicy());
        assertEquals(2, component.router().workers().length);
        assertEquals(3, component.router().plan().nice());
    }
}
