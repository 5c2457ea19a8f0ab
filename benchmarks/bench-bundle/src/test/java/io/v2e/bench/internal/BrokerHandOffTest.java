package io.v2e.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.v2e.bench.core.OfferedLoad;
import io.v2e.bench.core.RunResult;
import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.SendResult;

/** BrokerHandOff driven by the shared OfferedLoad, against a broker that delivers synchronously on the producer's thread (no timing asserted). */
class BrokerHandOffTest {

    /** Delivers each accepted message at once to the endpoint, and keeps what it was sent. */
    private static final class DirectBroker implements Broker {
        final List<Message> sent = new ArrayList<>();
        final BenchEndpoint endpoint;
        SendResult answer = SendResult.ACCEPTED;

        DirectBroker(BenchEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public SendResult send(Message m) {
            if (answer == SendResult.ACCEPTED) {
                sent.add(m);
                endpoint.handle(m);
            }
            return answer;
        }

        @Override
        public CompletableFuture<Message> request(Message r) {
            return CompletableFuture.completedFuture(r.response(null));
        }

        @Override
        public CompletableFuture<Message> request(Message r, long timeoutMillis) {
            return request(r);
        }

        @Override
        public BrokerStats stats() {
            return new BrokerStats(0, 0, 0, 0, 0, 0, 0, List.of());
        }

        @Override
        public RecentLatency recentLatency() {
            return new RecentLatency(0, Latency.NONE, Latency.NONE, List.of());
        }

        @Override
        public EndpointKind endpointKind(String name) {
            return name.equals(BenchEndpoint.NAME) ? EndpointKind.INTERNAL : EndpointKind.ABSENT;
        }
    }

    @Test
    void fixedRateRunOffersExactlyRateTimesSecondsEventsToTheBenchEndpoint() throws Exception {
        BenchEndpoint endpoint = new BenchEndpoint();
        DirectBroker broker = new DirectBroker(endpoint);
        RunResult r = OfferedLoad.fixedRate(new BrokerHandOff(broker, endpoint, BenchBrokerCommand.PAYLOAD), 10_000, 0.01, 1);
        assertEquals(100, r.sent());
        assertEquals(100, r.delivered());
        assertEquals(100, r.histogram().getTotalCount());
        assertFalse(r.saturated());
        assertEquals("broker", r.system());
        assertEquals(100, endpoint.received());
        Message first = broker.sent.get(0);
        assertEquals(MessageType.EVENT, first.type());
        assertEquals(BenchEndpoint.NAME, first.target());
        assertEquals(BenchBrokerCommand.PAYLOAD, first.payload());
    }

    @Test
    void flatOutRunCountsEveryDeliveredEventOnce() throws Exception {
        BenchEndpoint endpoint = new BenchEndpoint();
        DirectBroker broker = new DirectBroker(endpoint);
        RunResult r = OfferedLoad.max(new BrokerHandOff(broker, endpoint, BenchBrokerCommand.PAYLOAD), 0.01, 1);
        assertEquals(r.sent(), r.delivered());
        assertEquals(r.sent(), r.histogram().getTotalCount());
        assertEquals(broker.sent.size(), r.sent());
        assertEquals(0, r.sent() % 256, "flat-out runs end on a multiple of 256 sends");
    }

    @Test
    void aBrokerThatRefusesTheEndpointIsAClearError() {
        BenchEndpoint endpoint = new BenchEndpoint();
        DirectBroker broker = new DirectBroker(endpoint);
        broker.answer = SendResult.UNKNOWN_TARGET;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OfferedLoad.fixedRate(new BrokerHandOff(broker, endpoint, BenchBrokerCommand.PAYLOAD), 1000, 0.01, 1));
        assertEquals("the broker refused a bench event: UNKNOWN_TARGET", e.getMessage());
    }
}
