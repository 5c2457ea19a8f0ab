package io.v2e.metrics.internal;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.rpc.WorkersReport;

/**
 * The MBeans in the platform MBean server: {@code io.v2e:type=Broker}, one
 * {@code io.v2e:type=Endpoint,name=X} per endpoint and one {@code io.v2e:type=Worker,name=X} per
 * worker, one {@code io.v2e:type=Source,name=X} per {@link io.v2e.metrics.api.MetricsSource}
 * ({@link SourceBean}), registered and unregistered as endpoints, workers and sources come and go. Attribute reads answer
 * from the last {@link #update snapshot} (taken every refresh interval), not from the broker.
 * <p>
 * Threading: {@link #update} and {@link #close} from one thread (the refresh thread, then
 * deactivate); attribute reads from JMX threads (they read the volatile snapshot).
 */
final class JmxBeans implements AutoCloseable {

    static final String DOMAIN = "io.v2e";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Set<ObjectName> endpoints = new HashSet<>();
    private final Set<ObjectName> workers = new HashSet<>();
    private final Set<ObjectName> sources = new HashSet<>();
    private final ObjectName brokerName;
    private volatile Snapshot snapshot = new Snapshot(null, null, null, null, null);

    JmxBeans() throws JMException {
        brokerName = new ObjectName(DOMAIN, "type", "Broker");
        server.registerMBean(new StandardMBean(new BrokerBean(), BrokerMetricsMXBean.class, true), brokerName);
    }

    /** Takes {@code next} as the answer to every read and registers or unregisters MBeans to match it. */
    void update(Snapshot next) throws JMException {
        snapshot = next;
        Set<ObjectName> seen = new HashSet<>();
        if (next.broker() != null) {
            for (EndpointStats e : next.broker().endpoints()) {
                ObjectName n = name("Endpoint", e.name());
                seen.add(n);
                if (endpoints.add(n)) {
                    server.registerMBean(new StandardMBean(new EndpointBean(e.name()), EndpointMetricsMXBean.class, true), n);
                }
            }
        }
        retainOnly(endpoints, seen);
        seen = new HashSet<>();
        if (next.workers() != null) {
            for (WorkersReport.WorkerState w : next.workers().workers()) {
                ObjectName n = name("Worker", w.name());
                seen.add(n);
                if (workers.add(n)) {
                    server.registerMBean(new StandardMBean(new WorkerBean(w.name()), WorkerMetricsMXBean.class, true), n);
                }
            }
        }
        retainOnly(workers, seen);
        seen = new HashSet<>();
        if (next.sources() != null) {
            for (Snapshot.SourceValues v : next.sources()) {
                ObjectName n = name("Source", v.source());
                seen.add(n);
                if (sources.add(n)) {
                    server.registerMBean(new SourceBean(v.source(), () -> snapshot), n);
                }
            }
        }
        retainOnly(sources, seen);
    }

    @Override
    public void close() throws JMException {
        retainOnly(endpoints, Set.of());
        retainOnly(workers, Set.of());
        retainOnly(sources, Set.of());
        server.unregisterMBean(brokerName);
    }

    private void retainOnly(Set<ObjectName> registered, Set<ObjectName> keep) throws JMException {
        for (ObjectName n : Set.copyOf(registered)) {
            if (!keep.contains(n)) {
                registered.remove(n);
                server.unregisterMBean(n);
            }
        }
    }

    private static ObjectName name(String type, String name) throws JMException {
        Map<String, String> keys = new HashMap<>();
        keys.put("type", type);
        keys.put("name", ObjectName.quote(name));
        return new ObjectName(DOMAIN, new java.util.Hashtable<>(keys));
    }

    private static long[] percentiles(Latency l) {
        return l == null ? new long[5] : new long[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()};
    }

    private final class BrokerBean implements BrokerMetricsMXBean {

        private long total(Function<io.v2e.broker.api.BrokerStats, Long> f) {
            var b = snapshot.broker();
            return b == null ? 0 : f.apply(b);
        }

        @Override
        public boolean isReady() {
            var w = snapshot.waitingFor();
            return w != null && w.isEmpty();
        }

        @Override
        public String[] getWaitingFor() {
            var w = snapshot.waitingFor();
            return w == null ? new String[] {"no readiness service"} : w.toArray(String[]::new);
        }

        @Override
        public boolean isBrokerUp() {
            return snapshot.broker() != null;
        }

        @Override
        public long getReceived() {
            return total(b -> b.received());
        }

        @Override
        public long getDelivered() {
            return total(b -> b.delivered());
        }

        @Override
        public long getErrors() {
            return total(b -> b.errors());
        }

        @Override
        public long getDrops() {
            return total(b -> b.drops());
        }

        @Override
        public long getUnknownTarget() {
            return total(b -> b.unknownTarget());
        }

        @Override
        public long getUnroutable() {
            return total(b -> b.unroutable());
        }

        @Override
        public long getQueueDepth() {
            return total(b -> b.queueDepth());
        }

        @Override
        public long getRecentQueueLatencyP99Nanos() {
            RecentLatency r = snapshot.recent();
            return r == null ? 0 : r.queueLatency().p99();
        }

        @Override
        public long getRecentHandlerLatencyP99Nanos() {
            RecentLatency r = snapshot.recent();
            return r == null ? 0 : r.handlerLatency().p99();
        }

        @Override
        public long getRecentWindowMillis() {
            RecentLatency r = snapshot.recent();
            return r == null ? 0 : r.windowMillis();
        }
    }

    private final class EndpointBean implements EndpointMetricsMXBean {
        private final String endpoint;

        EndpointBean(String endpoint) {
            this.endpoint = endpoint;
        }

        private EndpointStats stats() {
            var b = snapshot.broker();
            if (b != null) {
                for (EndpointStats e : b.endpoints()) {
                    if (e.name().equals(endpoint)) {
                        return e;
                    }
                }
            }
            return new EndpointStats(endpoint, io.v2e.broker.api.EndpointKind.ABSENT, -1, 0, 0, 0, 0, 0, Latency.NONE,
                    Latency.NONE);
        }

        private RecentLatency.Endpoint recent() {
            RecentLatency r = snapshot.recent();
            if (r != null) {
                for (RecentLatency.Endpoint e : r.endpoints()) {
                    if (e.name().equals(endpoint)) {
                        return e;
                    }
                }
            }
            return null;
        }

        @Override
        public String getKind() {
            return stats().kind().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public int getWorker() {
            return stats().worker();
        }

        @Override
        public long getReceived() {
            return stats().received();
        }

        @Override
        public long getDelivered() {
            return stats().delivered();
        }

        @Override
        public long getErrors() {
            return stats().errors();
        }

        @Override
        public long getDrops() {
            return stats().drops();
        }

        @Override
        public long getQueueDepth() {
            return stats().queueDepth();
        }

        @Override
        public long[] getQueueLatencyNanos() {
            return percentiles(stats().queueLatency());
        }

        @Override
        public long[] getHandlerLatencyNanos() {
            return percentiles(stats().handlerLatency());
        }

        @Override
        public long[] getRecentQueueLatencyNanos() {
            RecentLatency.Endpoint r = recent();
            return percentiles(r == null ? null : r.queueLatency());
        }

        @Override
        public long[] getRecentHandlerLatencyNanos() {
            RecentLatency.Endpoint r = recent();
            return percentiles(r == null ? null : r.handlerLatency());
        }
    }

    private final class WorkerBean implements WorkerMetricsMXBean {
        private final String worker;

        WorkerBean(String worker) {
            this.worker = worker;
        }

        private WorkersReport.WorkerState state() {
            WorkersReport r = snapshot.workers();
            if (r != null) {
                for (WorkersReport.WorkerState w : r.workers()) {
                    if (w.name().equals(worker)) {
                        return w;
                    }
                }
            }
            return new WorkersReport.WorkerState(-1, worker, -1, 0, false, null, null, null, null, null);
        }

        private String outcome(Function<WorkersReport.Outcomes, String> f) {
            WorkersReport.Outcomes o = state().outcomes();
            String v = o == null ? null : f.apply(o);
            return v == null ? "" : v;
        }

        @Override
        public int getTid() {
            return state().tid();
        }

        @Override
        public int getCpu() {
            Integer cpu = state().cpu();
            return cpu == null ? -1 : cpu;
        }

        @Override
        public long getHandled() {
            return state().handled();
        }

        @Override
        public boolean isTuningCurrent() {
            return state().tuningCurrent();
        }

        @Override
        public String getProvider() {
            String p = state().provider();
            return p == null ? "" : p;
        }

        @Override
        public String getAffinityOutcome() {
            return outcome(WorkersReport.Outcomes::affinity);
        }

        @Override
        public String getNiceOutcome() {
            return outcome(WorkersReport.Outcomes::nice);
        }

        @Override
        public String getIoPriorityOutcome() {
            return outcome(WorkersReport.Outcomes::ioPriority);
        }

        @Override
        public String getSchedulingOutcome() {
            return outcome(WorkersReport.Outcomes::scheduling);
        }

        @Override
        public int getNice() {
            var p = state().proc();
            return p == null || p.nice() == null ? Integer.MIN_VALUE : p.nice();
        }

        @Override
        public String getSchedulingPolicy() {
            var p = state().proc();
            return p == null || p.policy() == null ? "" : p.policy();
        }

        @Override
        public int getLastCpu() {
            var p = state().proc();
            return p == null || p.lastCpu() == null ? -1 : p.lastCpu();
        }
    }
}
