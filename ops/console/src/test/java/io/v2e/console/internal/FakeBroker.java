package io.v2e.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.SendResult;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.api.rpc.WorkersReport;

/** A broker that answers from fixed values: the workers report (from RPCGetWorkers JSON), stats, and one transport answer. */
final class FakeBroker implements Broker {

    final List<Message> requests = new ArrayList<>();
    private final WorkersReport workers;
    private final BrokerStats stats;
    private final RecentLatency recent;
    private final Function<Message, CompletableFuture<Message>> transport;

    FakeBroker(String getWorkersPayload, BrokerStats stats, RecentLatency recent,
            Function<Message, CompletableFuture<Message>> transport) {
        this.workers = RpcJson.read(getWorkersPayload, WorkersReport.class);
        this.stats = stats;
        this.recent = recent;
        this.transport = transport;
    }

    @Override
    public WorkersReport workersReport() {
        return workers;
    }

    @Override
    public SendResult send(Message message) {
        throw new UnsupportedOperationException("the page only requests");
    }

    @Override
    public CompletableFuture<Message> request(Message request) {
        return request(request, 30_000);
    }

    @Override
    public CompletableFuture<Message> request(Message request, long timeoutMillis) {
        requests.add(request);
        return transport.apply(request);
    }

    @Override
    public BrokerStats stats() {
        return stats;
    }

    @Override
    public RecentLatency recentLatency() {
        return recent;
    }

    @Override
    public EndpointKind endpointKind(String name) {
        return EndpointKind.ABSENT;
    }
}
