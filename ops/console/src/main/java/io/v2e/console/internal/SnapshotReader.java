package io.v2e.console.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.readiness.api.Readiness;
import io.v2e.tuning.api.proc.ProcThreads;
import io.v2e.tuning.api.proc.ThreadStat;

/**
 * Takes a {@link Snapshot} from the broker: the workers report and the counters without a message
 * ({@link Broker#workersReport()}, {@link Broker#stats()}, {@link Broker#recentLatency()}), the
 * transport's I/O loops by one RPCGetTransportThreads request (counted in the {@code transport}
 * endpoint's counters like any other), and every thread's CPU from /proc at the end.
 * <p>
 * Threading: any thread but a broker worker (it waits for the transport's answer); keeps no state.
 */
final class SnapshotReader {

    static final String SOURCE = "console";
    static final String TRANSPORT = "transport";
    static final String GET_TRANSPORT_THREADS = "RPCGetTransportThreads";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Broker broker;
    private final IntFunction<Optional<Integer>> cpuOfTid;
    private final int onlineCpus;

    /** Reading /proc/self/task/TID/stat of this process. */
    SnapshotReader(Broker broker) {
        this(broker, tid -> ProcThreads.stat(tid).flatMap(ThreadStat::lastCpu), Runtime.getRuntime().availableProcessors());
    }

    /** @param cpuOfTid the CPU a thread of this process ran on last, empty when it is gone */
    SnapshotReader(Broker broker, IntFunction<Optional<Integer>> cpuOfTid, int onlineCpus) {
        this.broker = broker;
        this.cpuOfTid = cpuOfTid;
        this.onlineCpus = onlineCpus;
    }

    /** @param readiness the readiness service, or null when there is none */
    Snapshot take(long transportTimeoutMillis, Readiness readiness) {
        WorkersReport workers = broker.workersReport();
        BrokerStats stats = broker.stats();
        RecentLatency recent = broker.recentLatency();
        JsonNode transport = null;
        String transportError;
        Message answer = broker.request(Message.request(SOURCE, TRANSPORT, GET_TRANSPORT_THREADS, "{}", null),
                transportTimeoutMillis).orTimeout(transportTimeoutMillis + 1000, TimeUnit.MILLISECONDS)
                .exceptionally(e -> null).join();
        if (answer == null) {
            transportError = "no answer within " + transportTimeoutMillis + " ms";
        } else if (answer.type() != MessageType.RESPONSE) {
            transportError = answer.error();
        } else {
            transport = parse(answer.payload());
            transportError = transport != null && transport.isObject() ? null : "not a JSON object: " + answer.payload();
            transport = transportError == null ? transport : null;
        }
        List<Snapshot.Placement> map = cpuMap(workers, transport);
        Boolean ready = readiness == null ? null : readiness.ready();
        List<String> waiting = readiness == null ? List.of() : List.copyOf(readiness.waitingFor());
        return new Snapshot(System.currentTimeMillis(), ready, waiting, workers, transport, transportError, cpus(map), map,
                endpoints(stats, recent), recent.windowMillis(), recent.queueLatency(), recent.handlerLatency());
    }

    private List<Snapshot.Placement> cpuMap(WorkersReport workers, JsonNode transport) {
        List<Snapshot.Placement> map = new ArrayList<>();
        for (WorkersReport.WorkerState w : workers.workers()) {
            map.add(new Snapshot.Placement(w.name(), "worker", w.tid(), cpuOfTid.apply(w.tid()).orElse(null)));
        }
        if (transport != null) {
            for (JsonNode loop : transport.path("loops")) {
                int tid = loop.path("tid").asInt(-1);
                if (tid > 0) {
                    map.add(new Snapshot.Placement(loop.path("name").asText("?"), "io", tid,
                            cpuOfTid.apply(tid).orElse(null)));
                }
            }
        }
        return List.copyOf(map);
    }

    /** 0 .. the highest of the online CPUs and the CPUs threads ran on. */
    private List<Integer> cpus(List<Snapshot.Placement> map) {
        int highest = onlineCpus - 1;
        for (Snapshot.Placement p : map) {
            if (p.cpu() != null) {
                highest = Math.max(highest, p.cpu());
            }
        }
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c <= highest; c++) {
            all.add(c);
        }
        return List.copyOf(all);
    }

    static List<Snapshot.EndpointRow> endpoints(BrokerStats stats, RecentLatency recent) {
        Map<String, RecentLatency.Endpoint> windows = recent.endpoints().stream()
                .collect(Collectors.toMap(RecentLatency.Endpoint::name, Function.identity(), (a, b) -> a));
        List<Snapshot.EndpointRow> rows = new ArrayList<>();
        for (EndpointStats e : stats.endpoints()) {
            RecentLatency.Endpoint w = windows.get(e.name());
            rows.add(new Snapshot.EndpointRow(e.name(), e.kind().wireName(), e.worker(), e.queueDepth(), e.received(),
                    e.delivered(), e.errors(), e.drops(), w == null ? Latency.NONE : w.queueLatency(),
                    w == null ? Latency.NONE : w.handlerLatency()));
        }
        rows.sort(Comparator.comparing(Snapshot.EndpointRow::name));
        return List.copyOf(rows);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
