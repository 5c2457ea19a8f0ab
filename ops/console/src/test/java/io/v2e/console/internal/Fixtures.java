package io.v2e.console.internal;

import java.util.List;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.RecentLatency;

/** Small, readable inputs: an RPCGetWorkers payload of two pinned jnr workers, endpoint counters, a transport answer. */
final class Fixtures {

    /** Two workers as the jnr provider reports them; worker 1 is still retuning (tuning_current false). */
    static final String WORKERS = """
            {"provider":"jnr","provider_pending":false,
             "config":{"workers":2,"cpus":"","nice":-5,"io_class":"realtime","io_level":0,"worker_scheduling":"other",
                       "worker_rt_priority":0,"queue_capacity":65536,"offer_policy":"block","offer_timeout_ms":100,
                       "request_timeout_ms":30000,"max_message_bytes":52428800,"idle_strategy":"wake",
                       "drain_timeout_ms":5000,"last_rejection":null},
             "workers":[
              {"index":0,"name":"v2e-broker-worker-0","tid":4391,"handled":17,"tuning_current":true,"provider":"jnr","cpu":0,
               "outcomes":{"restore":null,"affinity":"APPLIED","nice":"APPLIED","io_priority":"DENIED(errno EPERM)",
                           "scheduling":"APPLIED"},
               "proc":{"cpus_allowed_list":"0","nice":-5,"policy":"other","last_cpu":0}},
              {"index":1,"name":"v2e-broker-worker-1","tid":4392,"handled":3,"tuning_current":false,"provider":"jnr","cpu":1,
               "outcomes":{"restore":null,"affinity":"APPLIED","nice":"APPLIED","io_priority":"APPLIED","scheduling":"APPLIED"},
               "proc":{"cpus_allowed_list":"1","nice":-5,"policy":"fifo","rt_priority":10,"last_cpu":1}}]}
            """;

    /** The transport's RPCGetTransportThreads answer: one I/O loop thread, and an entry without a tid (skipped). */
    static final String TRANSPORT = """
            {"loops":[{"name":"v2e-transport-io-0","tid":4400},{"name":"half-started"}]}
            """;

    static final Latency QUEUE = new Latency(4, 1_000, 2_000, 12_345, 20_000, 20_000);
    static final Latency HANDLER = new Latency(4, 3_000, 4_000, 56_789, 60_000, 60_000);

    private Fixtures() {
    }

    static BrokerStats stats(String... endpointNames) {
        return new BrokerStats(10, 9, 1, 0, 0, 0, 0, java.util.Arrays.stream(endpointNames)
                .map(n -> new EndpointStats(n, EndpointKind.INTERNAL, 1, 5, 4, 1, 0, 2, Latency.NONE, Latency.NONE))
                .toList());
    }

    /** A recent window in which only {@code name} handled messages. */
    static RecentLatency recent(String name) {
        return new RecentLatency(5_000, QUEUE, HANDLER, List.of(new RecentLatency.Endpoint(name, QUEUE, HANDLER)));
    }
}
