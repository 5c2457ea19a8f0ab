package io.v2e.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.MpscGrowableArrayQueue;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.BrokerStats;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointStats;
import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.api.SendResult;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * The broker itself, free of OSGi so it can be tested directly: routes by target name to one queue
 * per name, served by worker threads; answers requests' failures with errors; tracks waiting
 * requesters; applies configuration and provider changes live.
 * <p>
 * Threading: {@link #send} and {@link #request} from any thread; the hot path (send of a
 * request or event to a live endpoint) reads two volatile fields and a ConcurrentHashMap and
 * ends in the queue's lock-free offer. Endpoint registration, configuration, provider changes
 * and stop serialise on this object's monitor (never taken by send).
 */
final class Router implements Broker {

    private static final Logger LOG = System.getLogger("io.v2e.broker");

    private enum State { RUNNING, DRAINING, STOPPED }

    private final String threadPrefix;
    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
    /** Endpoint services per name, all candidates (the best one is bound to the route). Guarded by this. */
    private final Map<String, List<Binding>> candidates = new HashMap<>();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong correlationIds = new AtomicLong();
    private final LongAdder unknownTarget = new LongAdder();
    private final LongAdder unroutable = new LongAdder();
    private final Set<String> loggedDenials = ConcurrentHashMap.newKeySet();

    private volatile State state = State.RUNNING;
    private volatile BrokerSettings settings;
    private volatile TuningPlan plan;
    private volatile Worker[] workers = new Worker[0];
    private volatile String lastRejection;
    /** True while a provider is bound by reference but its service object is still being obtained. */
    private volatile boolean providerPending;
    /** Guarded by this. */
    private TuningProvider provider;
    private int generation;

    Router(BrokerSettings settings, TuningProvider provider, String threadPrefix) {
        this.threadPrefix = threadPrefix;
        this.provider = provider;
        this.settings = settings;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadPrefix + "timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.plan = planFor(provider, settings, workingCpus(provider, settings));
        Route rpc = new Route(BROKER_TARGET);
        rpc.binding = new Binding(new BrokerRpc(this), Integer.MAX_VALUE, -1);
        routes.put(BROKER_TARGET, rpc);
        startWorkers();
    }

    // ---------------------------------------------------------------- sending

    @Override
    public SendResult send(Message message) {
        if (message.type().isAnswer()) {
            // While draining, answers still complete the requests being drained.
            return state == State.STOPPED ? SendResult.STOPPED : routeAnswer(message);
        }
        if (state != State.RUNNING) {
            return SendResult.STOPPED;
        }
        BrokerSettings s = settings;
        String target = message.target();
        if (tooLarge(message.payload(), s.maxMessageBytes())) {
            answer(message, BROKER_TARGET, "message payload exceeds max_message_bytes " + s.maxMessageBytes());
            return SendResult.TOO_LARGE;
        }
        Route route = target == null ? null : routes.get(target);
        if (route == null || route.binding == null) {
            unknownTarget.increment();
            answer(message, BROKER_TARGET, "unknown target '" + target + "'");
            return SendResult.UNKNOWN_TARGET;
        }
        return offer(route, message, s);
    }

    @Override
    public CompletableFuture<Message> request(Message request) {
        return request(request, settings.requestTimeoutMs());
    }

    @Override
    public CompletableFuture<Message> request(Message request, long timeoutMillis) {
        if (request.type() != MessageType.REQUEST) {
            throw new IllegalArgumentException("request() takes a REQUEST, not " + request.type().wireName());
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be > 0 ms, was " + timeoutMillis);
        }
        Message m = request;
        if (m.correlationId() == null || m.correlationId().isEmpty()) {
            m = m.withCorrelationId(threadPrefix + correlationIds.incrementAndGet());
        }
        Pending p = new Pending(m);
        String corr = m.correlationId();
        if (pending.putIfAbsent(corr, p) != null) {
            p.future.complete(m.errorReply(BROKER_TARGET, "correlation id '" + corr + "' is already waiting for an answer"));
            return p.future;
        }
        Message timedOut = m;
        try {
            p.timeout = timer.schedule(() -> {
                if (pending.remove(corr, p)) {
                    p.future.complete(timedOut.errorReply(BROKER_TARGET, "timeout after " + timeoutMillis + " ms"));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // the broker has stopped: its timer is gone
            pending.remove(corr, p);
            p.complete(m.errorReply(BROKER_TARGET, "broker is stopping"));
            return p.future;
        }
        if (send(m) == SendResult.STOPPED && pending.remove(corr, p)) {
            p.complete(m.errorReply(BROKER_TARGET, "broker is stopping"));
        }
        return p.future;
    }

    /** Offers under the configured policy; a worker thread never waits (workers must not deadlock each other). */
    private SendResult offer(Route route, Message m, BrokerSettings s) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        int capacity = s.queueCapacity();
        m.stampAccepted(System.nanoTime());
        switch (s.offerPolicy()) {
            case DROP_OLDEST:
                // The worker trims the oldest beyond capacity; producers cannot poll an MPSC queue.
                if (q.offer(m)) {
                    return SendResult.ACCEPTED;
                }
                break;
            case DROP:
                if (hasRoom(route, capacity) && q.offer(m)) {
                    return SendResult.ACCEPTED;
                }
                break;
            default:
                if (hasRoom(route, capacity) && q.offer(m)) {
                    return SendResult.ACCEPTED;
                }
                if (Thread.currentThread() instanceof Worker) {
                    if (q.offer(m)) {
                        return SendResult.ACCEPTED;
                    }
                    break;
                }
                if (offerWaiting(route, m, capacity, s)) {
                    return SendResult.ACCEPTED;
                }
        }
        route.producerDrops.increment();
        answer(m, BROKER_TARGET, "dropped: queue of '" + route.name + "' is full (offer_policy "
                + s.offerPolicy().configName() + ", capacity " + capacity + ")");
        return SendResult.DROPPED;
    }

    /**
     * True while the queue holds fewer than {@code capacity} messages. Reads the consumer's index
     * (a cache line the worker writes on every poll) only when the cached copy says "full".
     * Concurrent producers may each see room for the last slot: the capacity can be exceeded by
     * at most the number of producers racing for it.
     */
    private static boolean hasRoom(Route route, int capacity) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        long produced = q.currentProducerIndex();
        if (produced - route.consumedCache < capacity) {
            return true;
        }
        long consumed = q.currentConsumerIndex();
        route.consumedCache = consumed;
        return produced - consumed < capacity;
    }

    private boolean offerWaiting(Route route, Message m, int capacity, BrokerSettings s) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        boolean timed = s.offerPolicy() == OfferPolicy.TIMEOUT;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.offerTimeoutMs());
        int spins = 0;
        while (state != State.STOPPED) {
            if (hasRoom(route, capacity)) {
                m.stampAccepted(System.nanoTime());
                if (q.offer(m)) {
                    return true;
                }
            }
            if (timed && System.nanoTime() - deadline > 0) {
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
        return false;
    }

    /** Answers go to a waiting requester first, then to the endpoint named by their target; never limited by capacity. */
    private SendResult routeAnswer(Message answer) {
        String corr = answer.correlationId();
        if (corr != null) {
            String from = answer.source();
            Route source = from == null ? null : routes.get(from);
            Binding sb = source == null ? null : source.binding;
            if (sb != null && sb.answersLater) {
                sb.awaiting.remove(corr);
            }
            Pending p = pending.remove(corr);
            if (p != null) {
                p.complete(answer);
                return SendResult.ACCEPTED;
            }
        }
        String target = answer.target();
        Route route = target == null ? null : routes.get(target);
        if (route == null || route.binding == null || state == State.STOPPED) {
            unroutable.increment();
            return SendResult.UNROUTABLE;
        }
        answer.stampAccepted(System.nanoTime());
        if (route.queue.offer(answer)) {
            return SendResult.ACCEPTED;
        }
        route.producerDrops.increment();
        return SendResult.DROPPED;
    }

    /** Answers a failed request or event with an ERROR to its source; answers themselves are never answered. */
    private void answer(Message failed, String from, String error) {
        if (!failed.type().isAnswer()) {
            routeAnswer(failed.errorReply(from, error));
        }
    }

    private static boolean tooLarge(String payload, int maxBytes) {
        if (payload == null || payload.length() * 3L <= maxBytes) {
            return false; // a char is at most 3 UTF-8 bytes: no need to count
        }
        return payload.length() > maxBytes || payload.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    // ---------------------------------------------------------------- the worker side

    /**
     * Worker thread only: delivers up to {@code max} messages of one route; returns how many it
     * took. Stops early once the worker is asked to stop, so a stop leaves the rest queued.
     */
    int drain(Worker worker, Route route, int max) {
        MpscGrowableArrayQueue<Message> q = route.queue;
        Message m = q.relaxedPoll();
        if (m == null) {
            return 0;
        }
        long[] queued = worker.queuedNanos;
        long[] handled = worker.handledNanos;
        int n = 0;
        long now = System.nanoTime();
        do {
            now = deliver(route, m, now, queued, handled, n);
            n++;
        } while (n < max && worker.running() && (m = q.relaxedPoll()) != null);
        route.latency.recordBatch(queued, handled, n);
        return n;
    }

    /**
     * Delivers one message whose turn started at {@code start} (the end of the previous one, so a
     * message costs one clock read here); notes its latencies at index {@code i} (-1: none) and
     * returns when it was done.
     */
    private long deliver(Route route, Message m, long start, long[] queued, long[] handled, int i) {
        Route.bump(route.taken);
        handled[i] = -1;
        BrokerSettings s = settings;
        if (s.offerPolicy() == OfferPolicy.DROP_OLDEST && route.queue.size() >= s.queueCapacity()
                && !m.type().isAnswer()) {
            queued[i] = -1;
            Route.bump(route.workerDrops);
            answer(m, BROKER_TARGET, "dropped: queue of '" + route.name + "' is full (offer_policy drop_oldest, capacity "
                    + s.queueCapacity() + ")");
            return System.nanoTime();
        }
        queued[i] = Math.max(0, start - m.acceptedNanos());
        Binding b = route.binding;
        if (b == null) {
            Route.bump(route.errors);
            answer(m, route.name, "endpoint '" + route.name + "' went away");
            return System.nanoTime();
        }
        String corr = m.correlationId();
        boolean tracked = b.answersLater && m.type() == MessageType.REQUEST && corr != null;
        if (tracked) {
            b.awaiting.put(corr, m);
        }
        String result;
        try {
            result = b.endpoint.handle(m);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            long end = System.nanoTime();
            handled[i] = end - start;
            Route.bump(route.errors);
            if (tracked) {
                b.awaiting.remove(corr);
            }
            answer(m, route.name, t.getMessage() != null ? t.getMessage() : t.getClass().getName());
            return System.nanoTime();
        }
        long end = System.nanoTime();
        handled[i] = end - start;
        Route.bump(route.delivered);
        if (m.type() == MessageType.REQUEST && !b.answersLater) {
            routeAnswer(m.response(result));
            return System.nanoTime();
        }
        return end;
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    TuningPlan plan() {
        return plan;
    }

    /** Logs a DENIED outcome once per provider, setting kind and errno; the broker runs on. */
    void noteOutcome(String worker, String providerName, String setting, Outcome outcome) {
        if (outcome.status() == Outcome.Status.DENIED) {
            String kind = setting.replaceAll("[0-9/-]+", "#");
            if (loggedDenials.add(providerName + '|' + kind + '|' + outcome.errno())) {
                LOG.log(Level.WARNING, "{0}: provider {1} denied {2}: {3} (logged once; the broker runs on)",
                        worker, providerName, setting, outcome);
            }
        }
    }

    // ---------------------------------------------------------------- endpoints

    /** Registers an endpoint service under a name; the best of a name's candidates receives its messages. */
    synchronized void addEndpoint(String name, Endpoint endpoint, int ranking, long serviceId) {
        if (name == null || name.isBlank()) {
            LOG.log(Level.WARNING, "ignoring endpoint service {0}: its " + Endpoint.NAME_PROPERTY + " is empty", serviceId);
            return;
        }
        if (BROKER_TARGET.equals(name)) {
            LOG.log(Level.WARNING, "ignoring endpoint service {0}: the name ''broker'' is the broker''s own", serviceId);
            return;
        }
        candidates.computeIfAbsent(name, k -> new ArrayList<>()).add(new Binding(endpoint, ranking, serviceId));
        rebind(name);
    }

    synchronized void removeEndpoint(String name, Endpoint endpoint, long serviceId) {
        List<Binding> list = candidates.get(name);
        if (list == null) {
            return;
        }
        list.removeIf(b -> b.endpoint == endpoint && b.serviceId == serviceId);
        if (list.isEmpty()) {
            candidates.remove(name);
        }
        rebind(name);
    }

    private void rebind(String name) {
        Binding best = null;
        for (Binding b : candidates.getOrDefault(name, List.of())) {
            if (b.beats(best)) {
                best = b;
            }
        }
        Route route = routes.get(name);
        if (route == null) {
            if (best == null) {
                return;
            }
            route = new Route(name);
            leastLoaded().addRoute(route);
            routes.put(name, route);
        }
        Binding old = route.binding;
        if (old == best) {
            return;
        }
        route.binding = best;
        if (old != null && old.answersLater) {
            // Its connection is gone: nobody will answer what it was given.
            for (Message waiting : old.awaiting.values()) {
                if (old.awaiting.remove(waiting.correlationId()) != null) {
                    answer(waiting, name, "endpoint '" + name + "' went away");
                }
            }
        }
    }

    private Worker leastLoaded() {
        Worker best = null;
        for (Worker w : workers) {
            if (best == null || w.routeCount() < best.routeCount()) {
                best = w;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- configuration and providers

    BrokerSettings settings() {
        return settings;
    }

    /** The last configuration refused (its reason), or null after a configuration was applied. */
    String lastRejection() {
        return lastRejection;
    }

    void rejected(String reason) {
        lastRejection = reason;
    }

    boolean providerPending() {
        return providerPending;
    }

    void providerPending(boolean pending) {
        providerPending = pending;
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
        if (state != State.RUNNING) {
            throw new IllegalStateException("the broker is stopping");
        }
        CpuSet cpus = workingCpus(provider, next);
        BrokerSettings prev = settings;
        settings = next;
        lastRejection = null;
        plan = planFor(provider, next, cpus);
        if (prev.needsNewWorkers(next)) {
            Worker[] old = workers;
            for (Worker w : old) {
                w.shutdown();
            }
            for (Worker w : old) {
                awaitExitReleasingLock(w);
            }
            // While the lock was released, stop() or a later configure() may have taken over.
            if (state == State.RUNNING && workers == old) {
                startWorkers();
            }
        }
    }

    /**
     * Lock held. Waits for a stopping worker with {@link #wait} rather than join: the handler it is
     * finishing may need this lock (a broker RPC reading the provider, an endpoint registering
     * another) before it can return, and holding the lock while joining would deadlock.
     */
    private void awaitExitReleasingLock(Worker w) {
        if (w == Thread.currentThread()) {
            return; // a handler reconfiguring the broker: this worker exits after it returns
        }
        boolean interrupted = false;
        while (w.isAlive()) {
            try {
                wait(5);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Binds a (better) provider: every worker undoes the old one's settings and applies the new one's. */
    synchronized void providerBound(TuningProvider p) {
        provider = p;
        plan = planFor(p, settings, workingCpusOrAllowed(p, settings));
    }

    /**
     * The provider is going away. If it is the bound one, workers fall back to none. Either way
     * this waits (bounded) until no worker holds settings of {@code gone}, so its restore ran
     * while it still worked.
     */
    void providerUnbound(TuningProvider gone) {
        synchronized (this) {
            if (provider == gone) {
                provider = null;
                plan = planFor(null, settings, workingCpusOrAllowed(null, settings));
            }
        }
        awaitWorkersOff(gone, TimeUnit.SECONDS.toNanos(5));
    }

    /** Waits until every worker has applied the current plan, or the timeout passes; true when all did. */
    boolean awaitPlanApplied(long timeoutNanos) {
        if (Thread.currentThread() instanceof Worker) {
            return false;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        for (Worker w : workers) {
            while (w.isAlive() && !w.hasApplied(plan)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                LockSupport.parkNanos(200_000);
            }
        }
        return true;
    }

    private void awaitWorkersOff(TuningProvider gone, long timeoutNanos) {
        if (Thread.currentThread() instanceof Worker) {
            return; // a handler stopping the provider: this worker retunes after it returns
        }
        long deadline = System.nanoTime() + timeoutNanos;
        for (Worker w : workers) {
            while (w.isAlive() && w.appliedProvider() == gone) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.log(Level.WARNING, "{0} still holds settings of provider {1} after 5 s (busy handler?)",
                            w.getName(), gone.name());
                    return;
                }
                LockSupport.parkNanos(200_000);
            }
        }
    }

    /** The provider's allowed set; without one, the process's own from /proc (taskset and cpusets honoured). */
    private static CpuSet allowed(TuningProvider p) {
        if (p != null) {
            return p.allowedCpus();
        }
        String list = ProcThreads.processCpusAllowedList().orElse(null);
        if (list != null) {
            try {
                CpuSet cpus = CpuSet.parse(list);
                if (!cpus.isEmpty()) {
                    return cpus;
                }
            } catch (IllegalArgumentException e) {
                // fall through to the JVM's count
            }
        }
        return CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
    }

    private static CpuSet workingCpus(TuningProvider p, BrokerSettings s) {
        CpuSet allowed = allowed(p);
        if (s.cpus().isEmpty()) {
            return allowed;
        }
        CpuSet narrowed = allowed.intersect(s.cpus());
        if (narrowed.isEmpty()) {
            throw new IllegalArgumentException("cpus '" + s.cpus() + "' names no CPU this process may use (allowed: "
                    + allowed + ")");
        }
        return narrowed;
    }

    /** For a provider change: a configured set the new provider does not allow falls back to all it allows. */
    private static CpuSet workingCpusOrAllowed(TuningProvider p, BrokerSettings s) {
        try {
            return workingCpus(p, s);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "{0}; using every allowed CPU", e.getMessage());
            return allowed(p);
        }
    }

    private static TuningPlan planFor(TuningProvider p, BrokerSettings s, CpuSet cpus) {
        return new TuningPlan(p, cpus, s.nice(), s.ioPriority(), s.scheduling());
    }

    /** Lock held (or constructor). */
    private void startWorkers() {
        BrokerSettings s = settings;
        int count = s.workers() > 0 ? s.workers() : plan.cpus().size();
        generation++;
        Worker[] next = new Worker[count];
        for (int i = 0; i < count; i++) {
            next[i] = new Worker(this, i, s.idleStrategy(), threadPrefix + (generation > 1 ? "g" + generation + "-" : "")
                    + "worker-");
        }
        List<Route> all = new ArrayList<>(routes.values());
        all.sort(Comparator.comparing(r -> r.name));
        for (int i = 0; i < all.size(); i++) {
            next[i % count].addRoute(all.get(i));
        }
        workers = next;
        for (Worker w : next) {
            w.start();
        }
    }

    /**
     * For stop(), without the lock (the state is no longer RUNNING). Each worker finishes its current
     * message and undoes its tuning; queues keep the rest.
     */
    private void stopWorkers() {
        Worker[] old = workers;
        for (Worker w : old) {
            w.shutdown();
        }
        for (Worker w : old) {
            joinUninterruptibly(w);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
            if (state != State.RUNNING) {
                return;
            }
            state = State.DRAINING;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.drainTimeoutMs());
        while (queuedTotal() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(500_000);
        }
        stopWorkers();
        state = State.STOPPED;
        for (Route route : routes.values()) {
            Message m;
            while ((m = route.queue.relaxedPoll()) != null) {
                if (m.type().isAnswer()) {
                    Pending p = m.correlationId() == null ? null : pending.remove(m.correlationId());
                    if (p != null) {
                        p.complete(m);
                    }
                } else {
                    answer(m, BROKER_TARGET, "broker stopped before delivering it to '" + route.name + "'");
                }
            }
        }
        for (Pending p : pending.values()) {
            if (pending.remove(p.request.correlationId(), p)) {
                p.complete(p.request.errorReply(BROKER_TARGET, "broker stopped"));
            }
        }
        timer.shutdownNow();
    }

    private long queuedTotal() {
        long n = 0;
        for (Route r : routes.values()) {
            n += r.queue.size();
        }
        return n;
    }

    // ---------------------------------------------------------------- introspection

    @Override
    public BrokerStats stats() {
        List<EndpointStats> list = new ArrayList<>();
        long received = 0, delivered = 0, errors = 0, drops = 0, depth = 0;
        List<Route> sorted = new ArrayList<>(routes.values());
        sorted.sort(Comparator.comparing(r -> r.name));
        for (Route r : sorted) {
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
        return new BrokerStats(received, delivered, errors, drops, depth, unknownTarget.sum(), unroutable.sum(), list);
    }

    Worker[] workers() {
        return workers.clone();
    }

    synchronized String providerName() {
        return provider == null ? "none" : provider.name();
    }

    /** A requester waiting for an answer. */
    private static final class Pending {
        final Message request;
        final CompletableFuture<Message> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Pending(Message request) {
            this.request = request;
        }

        void complete(Message answer) {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            future.complete(answer);
        }
    }
}
