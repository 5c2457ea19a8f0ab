package io.v2e.benchmarks;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.LatencyProbe;
import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.SendResult;

/** The real broker: each send is a new EVENT message to one endpoint whose handler is the probe. */
final class BrokerHandOff implements HandOff {

    static final String TARGET = "bench";
    private final BenchBroker bench;
    private final Broker broker;
    private final String name;
    private final String payload;
    private volatile LatencyProbe probe;
    private final java.util.concurrent.atomic.AtomicLong receivedTotal = new java.util.concurrent.atomic.AtomicLong();
    private long sentTotal;

    BrokerHandOff(String name, BenchBroker bench, String payload) {
        this.name = name;
        this.bench = bench;
        this.broker = bench.broker();
        this.payload = payload;
        Endpoint endpoint = m -> {
            receivedTotal.incrementAndGet();
            String p = m.payload();
            probe.receive(p == null ? 0 : p.length());
            return null;
        };
        bench.addEndpoint(TARGET, endpoint);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void attach(LatencyProbe p) {
        probe = p;
    }

    @Override
    public boolean send(long seq) {
        if (broker.send(Message.event("producer", TARGET, "tick", payload)) == SendResult.ACCEPTED) {
            sentTotal++;
            return true;
        }
        return false;
    }

    /** Sends a message with its own payload (large-payload runs). */
    boolean send(String ownPayload) {
        if (broker.send(Message.event("producer", TARGET, "blob", ownPayload)) == SendResult.ACCEPTED) {
            sentTotal++;
            return true;
        }
        return false;
    }

    BenchBroker bench() {
        return bench;
    }

    @Override
    public long sentTotal() {
        return sentTotal;
    }

    @Override
    public long receivedTotal() {
        return receivedTotal.get();
    }

    @Override
    public void close() {
        bench.close();
    }
}
