package io.v2e.metrics.internal;

import java.util.List;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.metrics.api.Metric;
import io.v2e.readiness.api.Readiness;

/**
 * What one scrape reads, taken once so every family of a scrape describes the same moment.
 *
 * @param broker     null when no Broker service is bound (then stats, recent and workers are null too)
 * @param waitingFor null when no Readiness service is bound
 * @param sources    the {@link io.v2e.metrics.api.MetricsSource} services' values, by source name
 */
record Snapshot(BrokerStats broker, RecentLatency recent, WorkersReport workers, List<String> waitingFor,
        List<SourceValues> sources) {

    /** One source's values at this moment. */
    record SourceValues(String source, List<Metric> metrics) {
    }

    static Snapshot take(Broker broker, Readiness readiness, List<SourceValues> sources) {
        List<String> waiting = readiness == null ? null : readiness.waitingFor();
        if (broker == null) {
            return new Snapshot(null, null, null, waiting, sources);
        }
        return new Snapshot(broker.stats(), broker.recentLatency(), broker.workersReport(), waiting, sources);
    }
}
