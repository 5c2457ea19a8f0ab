package io.v2e.bench.internal;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.LatencyProbe;
import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/**
 * The container's Broker service: each send is a new EVENT to the whiteboard {@link BenchEndpoint}.
 * Threading: {@link #send} from the one producer thread (the command's), one instance per call.
 */
final class BrokerHandOff implements HandOff {

    private final Broker broker;
    private final BenchEndpoint endpoint;
    private final String payload;
    private long sentTotal;

    BrokerHandOff(Broker broker, BenchEndpoint endpoint, String payload) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.payload = payload;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public boolean send(long seq) {
        SendResult r = broker.send(Message.event("bench-producer", BenchEndpoint.NAME, "tick", payload));
        if (r == SendResult.ACCEPTED) {
            sentTotal++;
            return true;
        }
        if (r == SendResult.DROPPED) {
            return false;       // queue full under a drop policy: the producer retries
        }
        throw new IllegalStateException("the broker refused a bench event: " + r);
    }

    @Override
    public long sentTotal() {
        return sentTotal;
    }

    @Override
    public long receivedTotal() {
        return endpoint.received();
    }

    @Override
    public void attach(LatencyProbe probe) {
        endpoint.attach(probe);
    }
}
