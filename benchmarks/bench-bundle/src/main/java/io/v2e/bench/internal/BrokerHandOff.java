package io.v2e.bench.internal;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/** The container's Broker service: each send is a new EVENT to the whiteboard {@link BenchEndpoint}. */
final class BrokerHandOff implements HandOff {

    private final Broker broker;
    private final BenchEndpoint endpoint;
    private final String payload;

    BrokerHandOff(Broker broker, BenchEndpoint endpoint, String payload) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.payload = payload;
    }

    @Override
    public String system() {
        return "broker";
    }

    @Override
    public boolean send() {
        SendResult r = broker.send(Message.event("bench-producer", BenchEndpoint.NAME, "tick", payload));
        if (r == SendResult.ACCEPTED) {
            return true;
        }
        if (r == SendResult.DROPPED) {
            return false;       // queue full under a drop policy: the producer retries
        }
        throw new IllegalStateException("the broker refused a bench event: " + r);
    }

    @Override
    public long received() {
        return endpoint.received();
    }

    @Override
    public void attach(LatencyProbe probe) {
        endpoint.attach(probe);
    }
}
