package io.v2e.broker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.PeerCredentials;
import io.v2e.broker.api.PeerEndpoint;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.RecentLatency;
import io.v2e.broker.api.SendResult;
import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.tuning.api.TuningProvider;

/**
 * The broker, free of OSGi: puts together the parts of one concern each ({@link Admission},
 * {@link PendingRequests}, {@link EndpointTable}, {@link Answers}, {@link Dispatcher},
 * {@link WorkerPool}, {@link TuningPlanner}) and owns the lifecycle: configuration and provider
 * changes applied live, and the graceful stop.
 * <p>
 * Threading: {@link #send} and {@link #request} from any thread; the hot path (send of a request
 * or event to a live endpoint) reads two volatile fields and a ConcurrentHashMap and ends in the
 * queue's lock-free offer. Endpoint registration, configuration, provider changes and stop
 * serialise on this object's monitor (never taken by send).
 */
final class Router implements Broker {

    private final BrokerState state;
    /** Request timeouts and the once-a-second latency window step; one daemon thread. */
    private final ScheduledThreadPoolExecutor timer;
    private final PendingRequests pending;
    private final Admission admission;
    private final EndpointTable table;
    private final BrokerRpc rpc;
    /** The table's routes by name, held here so a send reads one field less. */
    private final ConcurrentHashMap<String, Route> routes;
    private final Answers answers;
    private final TuningPlanner planner;
    private final WorkerPool pool;
    private final LongAdder unknownTarget = new LongAdder();

    /** @throws IllegalArgumentException when the settings' CPUs name none the provider allows */
    Router(BrokerSettings settings, TuningProvider provider, String threadPrefix) {
        this(settings, provider, threadPrefix, new RpcExtensions());
    }

    /** With the broker methods other bundles contribute (shared with the component, which binds them). */
    Router(BrokerSettings settings, TuningProvider provider, String threadPrefix, RpcExtensions extensions) {
        this.state = new BrokerState(settings);
        this.planner = new TuningPlanner(provider, settings);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadPrefix + "timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.pending = new PendingRequests(threadPrefix, timer);
        this.admission = new Admission(state);
        this.rpc = new BrokerRpc(this, extensions);
        this.table = new EndpointTable(rpc, this::placeRoute,
                (request, name) -> answers().fail(request, name, "endpoint '" + name + "' went away"));
        this.routes = table.byName();
        this.answers = new Answers(state, pending, table);
        this.pool = new WorkerPool(this, threadPrefix, new Dispatcher(state, answers), planner);
        synchronized (this) {
            pool.start(settings, table.sorted());
        }
        timer.scheduleWithFixedDelay(this::stepLatencyWindows, 1, 1, TimeUnit.SECONDS);
    }

    private void stepLatencyWindows() {
        for (Route r : table.all()) {
            r.latency.tick();
        }
    }

    private Answers answers() {
        return answers;
    }

    /** Lock held (EndpointTable mutators run under it). */
    private void placeRoute(Route route) {
        pool.place(route);
    }

    // ---------------------------------------------------------------- sending

    @Override
    public SendResult send(Message message) {
        if (message.type().isAnswer()) {
            // While draining, answers still complete the requests being drained.
            return state.stopped() ? SendResult.STOPPED : answers.route(message);
        }
        if (!state.running()) {
            return SendResult.STOPPED;
        }
        BrokerSettings s = state.settings();
        if (Admission.tooLarge(message.payload(), s.maxMessageBytes())) {
            return refuse(message, SendResult.TOO_LARGE, "message payload exceeds max_message_bytes " + s.maxMessageBytes());
        }
        String target = message.target();
        Route route = target == null ? null : routes.get(target);
        if (route == null || route.binding == null) {
            unknownTarget.increment();
            return refuse(message, SendResult.UNKNOWN_TARGET, "unknown target '" + target + "'");
        }
        SendResult result = admission.offer(route, message, s);
        return result == SendResult.DROPPED ? dropped(route, message, s) : result;
    }

    /** Cold path, out of send so the hot path stays small: answers a refused request or event. */
    private SendResult refuse(Message message, SendResult why, String error) {
        answers.fail(message, BROKER_TARGET, error);
        return why;
    }

    private SendResult dropped(Route route, Message message, BrokerSettings s) {
        return refuse(message, SendResult.DROPPED, Admission.dropped(route, s.offerPolicy(), s.queueCapacity()));
    }

    @Override
    public CompletableFuture<Message> request(Message request) {
        return request(request, state.settings().requestTimeoutMs());
    }

    @Override
    public CompletableFuture<Message> request(Message request, long timeoutMillis) {
        if (request.type() != MessageType.REQUEST) {
            throw new IllegalArgumentException("request() takes a REQUEST, not " + request.type().wireName());
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be > 0 ms, was " + timeoutMillis);
        }
        PendingRequests.Waiting w = pending.register(request, timeoutMillis);
        if (w.registered() && send(w.request()) == SendResult.STOPPED) {
            pending.abandon(w, "broker is stopping");
        }
        return w.answer();
    }

    @Override
    public EndpointKind endpointKind(String name) {
        return table.kindOf(name);
    }

    /** The host answering for a remote name now, else null. */
    String endpointHost(String name) {
        Route r = table.route(name);
        Binding b = r == null ? null : r.binding;
        return b == null ? null : b.host();
    }

    /** Who is behind the endpoint holding {@code name}, when it stands for another process, else null. */
    PeerCredentials endpointPeer(String name) {
        Route r = table.route(name);
        Binding b = r == null ? null : r.binding;
        return b != null && b.endpoint instanceof PeerEndpoint ? ((PeerEndpoint) b.endpoint).peer() : null;
    }

    // ---------------------------------------------------------------- endpoints

    /** Registers an endpoint service under a name; the best of a name's candidates receives its messages. */
    synchronized void addEndpoint(String name, Endpoint endpoint, int ranking, long serviceId) {
        table.add(name, endpoint, ranking, serviceId);
    }

    synchronized void removeEndpoint(String name, Endpoint endpoint, long serviceId) {
        table.remove(name, endpoint, serviceId);
    }

    // ---------------------------------------------------------------- configuration and providers

    BrokerSettings settings() {
        return state.settings();
    }

    /** The last configuration refused (its reason), or null after a configuration was applied. */
    String lastRejection() {
        return state.lastRejection();
    }

    void rejected(String reason) {
        state.rejected(reason);
    }

    boolean providerPending() {
        return planner.providerPending();
    }

    void providerPending(boolean pendingNow) {
        planner.providerPending(pendingNow);
    }

    TuningPlan plan() {
        return planner.plan();
    }

    /**
     * Applies a validated configuration. Limits and policies take effect with the next message;
     * tuning changes are applied by each worker between messages; a new worker count or CPU set
     * starts new workers after the old ones finish their current message (queues stay, so
     * nothing is lost or reordered).
     *
     * @throws IllegalArgumentException when the configuration cannot work here (then nothing changed)
     */
    synchronized void configure(BrokerSettings next) {
        if (!state.running()) {
            throw new IllegalStateException("the broker is stopping");
        }
        BrokerSettings prev = state.settings();
        TuningPlan plan = planner.prepare(next); // throws before anything changed
        // Old workers stop before the new plan appears, so none of them applies (and reports) it.
        Worker[] old = prev.needsNewWorkers(next) ? pool.signalStop() : null;
        planner.publish(plan);
        state.settings(next);
        // While awaitStopped released the lock, stop() or a later configure() may have taken over.
        if (old != null && pool.awaitStopped(old) && state.running()) {
            pool.start(next, table.sorted());
        }
    }

    /** Binds a (better) provider: every worker undoes the old one's settings and applies the new one's. */
    synchronized void providerBound(TuningProvider p) {
        planner.bind(p, state.settings());
    }

    /**
     * The provider is going away. If it is the bound one, workers fall back to none. Either way
     * this waits (bounded) until no worker holds settings of {@code gone}, so its restore ran
     * while it still worked.
     */
    void providerUnbound(TuningProvider gone) {
        synchronized (this) {
            planner.unbind(gone, state.settings());
        }
        pool.awaitOff(gone, TimeUnit.SECONDS.toNanos(5));
    }

    /** Waits until every worker has applied the current plan, or the timeout passes; true when all did. */
    boolean awaitPlanApplied(long timeoutNanos) {
        return pool.awaitApplied(planner.plan(), timeoutNanos);
    }

    synchronized String providerName() {
        return planner.providerName();
    }

    Worker[] workers() {
        return pool.workers();
    }

    // ---------------------------------------------------------------- stop

    /**
     * Graceful stop: accept nothing new, let workers deliver what is queued for up to
     * drain_timeout_ms, stop them, then answer what is left (and every waiting requester) with errors.
     */
    void stop() {
        // Only the state change takes the lock: a handler still running may need it (registering an
        // endpoint, say) while this thread waits for its worker. From DRAINING on, configure() refuses,
        // so the worker set no longer changes.
        synchronized (this) {
            if (!state.running()) {
                return;
            }
            state.phase(BrokerState.Phase.DRAINING);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(state.settings().drainTimeoutMs());
        while (queuedTotal() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(500_000);
        }
        pool.stopAll();
        state.phase(BrokerState.Phase.STOPPED);
        for (Route route : table.all()) {
            Message m;
            while ((m = route.queue.relaxedPoll()) != null) {
                if (m.type().isAnswer()) {
                    pending.complete(m);
                } else {
                    answers.fail(m, BROKER_TARGET, "broker stopped before delivering it to '" + route.name + "'");
                }
            }
        }
        timer.shutdownNow();
        pending.failAll("broker stopped");
    }

    private long queuedTotal() {
        long n = 0;
        for (Route r : table.all()) {
            n += r.queue.size();
        }
        return n;
    }

    // ---------------------------------------------------------------- introspection

    @Override
    public BrokerStats stats() {
        List<EndpointStats> list = new ArrayList<>();
        long received = 0, delivered = 0, errors = 0, drops = 0, depth = 0;
        for (Route r : table.sorted()) {
            long d = r.queue.size();
            long rDrops = r.producerDrops.sum() + r.workerDrops.get();
            long rReceived = r.taken.get() + d + r.producerDrops.sum();
            Latency[] latency = r.latency.snapshot();
            EndpointStats e = new EndpointStats(r.name, r.kind(), r.worker, rReceived, r.delivered.get(), r.errors.get(),
                    rDrops, d, latency[0], latency[1]);
            list.add(e);
            received += rReceived;
            delivered += e.delivered();
            errors += e.errors();
            drops += rDrops;
            depth += d;
        }
        return new BrokerStats(received, delivered, errors, drops, depth, unknownTarget.sum(), answers.unroutable(), list,
                answers.forged());
    }

    @Override
    public WorkersReport workersReport() {
        return rpc.workers();
    }

    @Override
    public RecentLatency recentLatency() {
        List<RecentLatency.Endpoint> list = new ArrayList<>();
        Histogram[] all = LatencyStats.pair();
        long window = 0;
        for (Route r : table.sorted()) {
            Histogram[] one = LatencyStats.pair();
            window = Math.max(window, r.latency.addRecentTo(one));
            if (one[0].getTotalCount() + one[1].getTotalCount() > 0) {
                list.add(new RecentLatency.Endpoint(r.name, LatencyStats.latency(one[0]), LatencyStats.latency(one[1])));
                all[0].add(one[0]);
                all[1].add(one[1]);
            }
        }
        return new RecentLatency(TimeUnit.NANOSECONDS.toMillis(window), LatencyStats.latency(all[0]),
                LatencyStats.latency(all[1]), list);
    }
}
