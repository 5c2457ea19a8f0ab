package io.v2e.console.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.v2e.broker.api.Latency;
import io.v2e.broker.api.rpc.WorkersReport;

/**
 * What {@code data.json} answers (snake_case, as the broker's RPCs) and what the page shows, taken
 * at one moment. Immutable.
 *
 * @param timeMs         when it was taken (epoch ms)
 * @param ready          the container's readiness (v2e.ready); null without the readiness service
 * @param waitingFor     what readiness still waits for (empty when ready)
 * @param workers        the broker's RPCGetWorkers report, as is
 * @param transport      the transport's RPCGetTransportThreads answer, as is; null when it did not answer
 * @param transportError why {@code transport} is null, else null
 * @param cpus           the CPUs the map shows (0 .. the highest online or used one)
 * @param cpuMap         each worker and I/O loop thread and the CPU it ran on last, read from /proc now
 * @param endpoints      per endpoint name, sorted by name
 * @param windowMs       how many milliseconds the recent latencies cover
 * @param queueLatencyNs accepted to handler start over every endpoint, recent window
 * @param handlerLatencyNs time inside handlers over every endpoint, recent window
 */
record Snapshot(long timeMs, Boolean ready, List<String> waitingFor, WorkersReport workers, JsonNode transport, String transportError, List<Integer> cpus,
        List<Placement> cpuMap, List<EndpointRow> endpoints, long windowMs, Latency queueLatencyNs,
        Latency handlerLatencyNs) {

    /**
     * One thread's place now.
     *
     * @param kind {@code worker} or {@code io}
     * @param cpu  field 39 ({@code processor}) of /proc/self/task/TID/stat; null when the thread is gone
     */
    record Placement(String thread, String kind, int tid, Integer cpu) {
    }

    /**
     * One endpoint: counters since start, latencies over the recent window (zero counts when it handled
     * nothing in the window).
     */
    record EndpointRow(String name, String kind, int worker, long queueDepth, long received, long delivered, long errors,
            long drops, Latency queueLatencyNs, Latency handlerLatencyNs) {
    }
}
