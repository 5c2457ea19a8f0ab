package io.v2e.transport.internal;

import java.util.List;

import io.v2e.metrics.api.Metric;
import io.v2e.metrics.api.MetricsSource;

/**
 * The transport as the metrics source {@value #SOURCE}: connections, policy refusals and bytes, exported as
 * {@code v2e_transport_*} and MBean {@code io.v2e:type=Source,name="transport"}.
 * Threading: any thread; reads counters only.
 */
final class TransportMetrics implements MetricsSource {

    static final String SOURCE = "transport";

    private final Transport transport;

    TransportMetrics(Transport transport) {
        this.transport = transport;
    }

    @Override
    public List<Metric> metrics() {
        TransportCounters c = transport.counters();
        return List.of(
                Metric.gauge("connections_open", "Connections open now (UNIX socket and TCP).", transport.connections().size()),
                Metric.gauge("connections_named", "Open connections that hold an endpoint name.", transport.namedCount()),
                Metric.counter("connections_accepted_total", "Connections accepted since the transport started.",
                        c.accepted.sum()),
                Metric.counter("connections_refused_total", "Connections refused (max_connections reached, stopping).",
                        c.refused.sum()),
                Metric.counter("policy_refusals_total", "Requests and events refused by the authorization policy "
                        + "(etc/io.v2e.transport.policy.cfg).", c.policyRefusals.sum()),
                Metric.counter("bytes_in_total", "Bytes read from connections.", c.bytesIn.sum()),
                Metric.counter("bytes_out_total", "Bytes written to connections.", c.bytesOut.sum()));
    }
}
