package io.v2e.broker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.v2e.broker.api.BrokerRpcExtension;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.rpc.BrokerMethods;
import io.v2e.broker.api.rpc.EndpointList;
import io.v2e.broker.api.rpc.MessageCount;
import io.v2e.broker.api.rpc.MessageStats;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.proc.ProcThreads;
import io.v2e.tuning.api.proc.ThreadStat;

/**
 * The broker's own RPCs (target {@code broker}), served on a worker like any endpoint, so their
 * answers carry the caller's id and correlation id by the same path. Each answer is one typed
 * record of {@code io.v2e.broker.api.rpc}. Threading: one worker at a time.
 */
final class BrokerRpc implements Endpoint {

    /** The methods served here; extensions cannot take them over. */
    static final List<String> BUILT_IN = List.of(BrokerMethods.GET_MESSAGE_STATS, BrokerMethods.GET_MESSAGE_COUNT,
            BrokerMethods.LIST_ENDPOINTS, BrokerMethods.GET_WORKERS);

    private final Router router;
    private final RpcExtensions extensions;

    BrokerRpc(Router router, RpcExtensions extensions) {
        this.router = router;
        this.extensions = extensions;
    }

    @Override
    public String handle(Message message) throws Exception {
        switch (message.id()) {
            case BrokerMethods.GET_MESSAGE_STATS: return RpcJson.write(MessageStats.of(router.stats()));
            case BrokerMethods.GET_MESSAGE_COUNT: return RpcJson.write(MessageCount.of(router.stats()));
            case BrokerMethods.LIST_ENDPOINTS: return RpcJson.write(EndpointList.of(router.stats(), router::endpointHost, router::endpointPeer));
            case BrokerMethods.GET_WORKERS: return RpcJson.write(workers());
            default:
                BrokerRpcExtension extension = extensions.of(message.id());
                if (extension != null) {
                    return extension.handle(message);
                }
                List<String> known = new ArrayList<>(BUILT_IN);
                known.addAll(extensions.methods());
                throw new IllegalArgumentException("unknown broker method '" + message.id() + "' (known: "
                        + String.join(", ", known) + ")");
        }
    }

    WorkersReport workers() {
        BrokerSettings s = router.settings();
        WorkersReport.Config config = new WorkersReport.Config(s.workers(), s.cpus().toString(), s.nice(),
                s.ioPriority().ioClass().name().toLowerCase(Locale.ROOT), s.ioPriority().level(),
                s.scheduling().policy().configName(), s.scheduling().priority(), s.queueCapacity(),
                s.offerPolicy().name(), s.offerTimeoutMs(), s.requestTimeoutMs(), s.maxMessageBytes(),
                s.idleStrategy().name(), s.drainTimeoutMs(), router.lastRejection());
        TuningPlan plan = router.plan();
        List<WorkersReport.WorkerState> list = new ArrayList<>();
        for (Worker w : router.workers()) {
            WorkerReport r = w.report();
            list.add(new WorkersReport.WorkerState(w.index, w.getName(), w.tid(), w.handled(), w.running() && w.hasApplied(plan),
                    r == null ? null : r.provider(), r == null ? null : r.cpu(), r == null ? null : outcomes(r),
                    r == null ? null : readback(r), proc(w.tid())));
        }
        return new WorkersReport(router.providerName(), router.providerPending(), config, list);
    }

    private static WorkersReport.Outcomes outcomes(WorkerReport r) {
        return new WorkersReport.Outcomes(str(r.restore()), str(r.affinity()), str(r.nice()), str(r.ioPriority()),
                str(r.scheduling()));
    }

    private static WorkersReport.Readback readback(WorkerReport r) {
        return new WorkersReport.Readback(str(r.readTid()), str(r.readAffinity()), str(r.readNice()),
                str(r.readIoPriority()), str(r.readScheduling()));
    }

    private static WorkersReport.ProcThreadState proc(int tid) {
        Optional<ThreadStat> stat = ProcThreads.stat(tid);
        Optional<Integer> policy = stat.flatMap(ThreadStat::policy);
        return new WorkersReport.ProcThreadState(ProcThreads.cpusAllowedList(tid).orElse(null),
                stat.flatMap(ThreadStat::nice).orElse(null), policy.map(BrokerRpc::policyName).orElse(null),
                policy.isPresent() ? stat.flatMap(ThreadStat::rtPriority).orElse(null) : null,
                stat.flatMap(ThreadStat::lastCpu).orElse(null));
    }

    /** {@code fifo} for 1, as configured; a number this API does not name stays a number. */
    private static String policyName(int policy) {
        try {
            return SchedulingPolicy.ofLinuxValue(policy).configName();
        } catch (IllegalArgumentException e) {
            return Integer.toString(policy);
        }
    }

    private static String str(Outcome o) {
        return o == null ? null : o.toString();
    }

    private static String str(Reading<?> r) {
        return r == null ? null : r.toString();
    }
}
