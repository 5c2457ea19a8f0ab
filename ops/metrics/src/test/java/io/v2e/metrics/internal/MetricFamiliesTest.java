package io.v2e.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.metrics.api.Metric;

class MetricFamiliesTest {

    private static final Latency L = new Latency(10, 1_000, 2_000, 3_000, 4_000, 5_000);

    private static String text(Snapshot s) {
        return PrometheusText.write(MetricFamilies.of(s));
    }

    private static Snapshot snapshot(List<String> waiting) {
        BrokerStats stats = new BrokerStats(7, 6, 1, 2, 3, 4, 5, List.of(
                new EndpointStats("ssg", EndpointKind.INTERNAL, 1, 7, 6, 1, 2, 3, L, L),
                new EndpointStats("peer", EndpointKind.EXTERNAL, 0, 0, 0, 0, 0, 0, Latency.NONE, Latency.NONE)));
        RecentLatency recent = new RecentLatency(7_500, L, L, List.of(new RecentLatency.Endpoint("ssg", L, L)));
        WorkersReport workers = new WorkersReport("jnr", false, null, List.of(new WorkersReport.WorkerState(0,
                "v2e-broker-worker-0", 42, 9, true, "jnr", 1,
                new WorkersReport.Outcomes(null, "APPLIED", "DENIED(EACCES)", "APPLIED", "APPLIED"), null,
                new WorkersReport.ProcThreadState("1", -10, "other", 0, 1))));
        return new Snapshot(stats, recent, workers, waiting, List.of(new Snapshot.SourceValues("transport", List.of(
                Metric.counter("bytes_in_total", "Bytes read from connections.", 1234),
                Metric.gauge("connections_open", "Connections open now.", 2)))));
    }

    @Test
    void readyIsOneAndNoReasonWhenNothingIsMissing() {
        String t = text(snapshot(List.of()));
        assertTrue(t.contains("\nv2e_ready 1\n"), t);
        assertTrue(!t.contains("v2e_readiness_waiting{"), t);
    }

    @Test
    void eachMissingThingIsAReasonAndReadyIsZero() {
        String t = text(snapshot(List.of("endpoint x: not bound in the broker")));
        assertTrue(t.contains("\nv2e_ready 0\n"), t);
        assertTrue(t.contains("v2e_readiness_waiting{reason=\"endpoint x: not bound in the broker\"} 1\n"), t);
    }

    @Test
    void brokerTotalsAndQueueDepthAreExported() {
        String t = text(snapshot(List.of()));
        assertTrue(t.contains("\nv2e_broker_received_total 7\n"), t);
        assertTrue(t.contains("\nv2e_broker_queue_depth 3\n"), t);
        assertTrue(t.contains("\nv2e_endpoint_queue_depth{endpoint=\"ssg\",kind=\"internal\"} 3\n"), t);
        assertTrue(t.contains("\nv2e_endpoints{kind=\"external\"} 1\n"), t);
    }

    @Test
    void latencyPercentilesSinceStartAndRecentAreInSeconds() {
        String t = text(snapshot(List.of()));
        assertTrue(t.contains("v2e_endpoint_latency_seconds{endpoint=\"ssg\",stage=\"queue\",window=\"start\",quantile=\"0.99\"} 3.0E-6\n"), t);
        assertTrue(t.contains("v2e_endpoint_latency_seconds{endpoint=\"ssg\",stage=\"handler\",window=\"recent\",quantile=\"1\"} 5.0E-6\n"), t);
        assertTrue(t.contains("v2e_broker_latency_seconds{stage=\"queue\",window=\"recent\",quantile=\"0.5\"} 1.0E-6\n"), t);
        assertTrue(t.contains("\nv2e_broker_recent_window_seconds 7.5\n"), t);
    }

    @Test
    void workerOutcomesCarryTheWordAndTheProvidersText() {
        String t = text(snapshot(List.of()));
        assertTrue(t.contains("v2e_worker_tuning_outcome{worker=\"v2e-broker-worker-0\",setting=\"nice\",outcome=\"DENIED\",detail=\"DENIED(EACCES)\"} 1\n"), t);
        assertTrue(!t.contains("setting=\"restore\""), t);
        assertTrue(t.contains("v2e_worker_info{worker=\"v2e-broker-worker-0\",tid=\"42\",provider=\"jnr\",cpu=\"1\"} 1\n"), t);
        assertTrue(t.contains("v2e_worker_nice{worker=\"v2e-broker-worker-0\"} -10\n"), t);
    }

    @Test
    void withoutABrokerOnlyReadinessAndBrokerUpZero() {
        String t = text(new Snapshot(null, null, null, null, List.of()));
        assertTrue(t.contains("\nv2e_broker_up 0\n"), t);
        assertTrue(t.contains("v2e_readiness_waiting{reason=\"no readiness service\"} 1\n"), t);
        assertTrue(!t.contains("v2e_broker_received_total"), t);
    }

    @Test
    void aSourcesMetricsAreFamiliesPrefixedWithItsNameWithTheirTypeAndHelp() {
        String t = text(snapshot(List.of()));
        assertTrue(t.contains("# HELP v2e_transport_bytes_in_total Bytes read from connections.\n"
                + "# TYPE v2e_transport_bytes_in_total counter\nv2e_transport_bytes_in_total 1234\n"), t);
        assertTrue(t.contains("# TYPE v2e_transport_connections_open gauge\nv2e_transport_connections_open 2\n"), t);
    }

    @Test
    void aCounterNotEndingInTotalOrABadNameIsRefused() {
        assertEquals("a counter's name ends in _total, was bytes_in",
                assertThrows(IllegalArgumentException.class, () -> Metric.counter("bytes_in", "x", 1)).getMessage());
        assertEquals("metric name must match [a-z][a-z0-9_]*, was Bytes-In",
                assertThrows(IllegalArgumentException.class, () -> Metric.gauge("Bytes-In", "x", 1)).getMessage());
    }
}
