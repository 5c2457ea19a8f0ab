package io.v2e.broker.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * One dedicated platform thread that polls its routes' queues and has the {@link Dispatcher}
 * deliver their messages.
 * <p>
 * Threading: {@link #run} is the worker thread. The pool changes {@link #routes} (copy on write)
 * only under the router's lock; {@link #shutdown} may be called from any thread. Between messages
 * the worker compares the planner's tuning plan with the one it applied and retunes itself, so a
 * provider swap never interrupts a handler and never reorders a queue.
 */
final class Worker extends Thread {

    /** Messages taken from one route before looking at the next, for fairness between endpoints. */
    private static final int BATCH = 64;
    private static final Route[] NO_ROUTES = new Route[0];

    final int index;
    /** Scratch for one batch's latencies (worker thread only), recorded after the batch. */
    final long[] queuedNanos = new long[BATCH];
    final long[] handledNanos = new long[BATCH];
    private final Dispatcher dispatcher;
    private final TuningPlanner planner;
    private final IdleStrategy idle;
    private volatile Route[] routes = NO_ROUTES;
    private volatile boolean running = true;
    /**
     * True while this worker is about to sleep or sleeps until woken (idle_strategy wake). The
     * worker writes it before its last look at its queues; a producer reads it after its offer.
     * Both are sequentially consistent (volatile store then load here; the queue's CAS then this
     * volatile load there), so either the producer sees true and unparks, or the worker sees the
     * message and does not sleep.
     */
    private volatile boolean sleeping;
    /** Times a producer found this worker asleep and woke it. */
    private final AtomicLong wakeUps = new AtomicLong();

    /** The plan this worker applied last; null before the first and after the final restore. */
    private volatile TuningPlan applied;
    private volatile WorkerReport report;
    private volatile int tid = -1;
    private volatile long handled;

    Worker(int index, IdleStrategy.Kind idleKind, String namePrefix, Dispatcher dispatcher, TuningPlanner planner) {
        super(namePrefix + index);
        this.dispatcher = dispatcher;
        this.planner = planner;
        this.index = index;
        this.idle = new IdleStrategy(idleKind);
        setDaemon(true);
    }

    @Override
    public void run() {
        tid = ProcThreads.currentTid().orElse(-1);
        try {
            while (running) {
                TuningPlan plan = planner.plan();
                if (plan != applied) {
                    retune(plan);
                }
                int work = 0;
                for (Route route : routes) {
                    try {
                        work += dispatcher.drain(this, route, BATCH);
                    } catch (RuntimeException e) {
                        // Handler failures are answered inside drain; this is a broker bug. Keep serving.
                        work++;
                        System.getLogger("io.v2e.broker").log(System.Logger.Level.ERROR,
                                getName() + " failed on route '" + route.name + "'", e);
                    }
                }
                if (work == 0) {
                    idle.idle(this);
                } else {
                    handled += work;
                    idle.reset();
                }
            }
        } finally {
            undoTuning();
        }
    }

    /** Asks the worker to finish its current message and exit; {@link #join()} to wait for it. */
    void shutdown() {
        running = false;
        LockSupport.unpark(this);
    }

    /** Router's lock held. */
    void addRoute(Route route) {
        Route[] next = Arrays.copyOf(routes, routes.length + 1);
        next[next.length - 1] = route;
        routes = next;
        route.worker = index;
        route.server = this;
    }

    /** Any thread, after queuing a message for one of this worker's routes: unparks it only if it sleeps. */
    void wake() {
        if (sleeping) {
            wakeUps.incrementAndGet();
            LockSupport.unpark(this);
        }
    }

    /**
     * Worker thread: sleeps until a producer wakes it or {@code maxNanos} pass, unless a message is
     * already queued or the worker is stopping.
     */
    void sleepUntilWoken(long maxNanos) {
        sleeping = true;
        if (running && !hasQueued()) {
            LockSupport.parkNanos(this, maxNanos);
        }
        sleeping = false;
    }

    private boolean hasQueued() {
        for (Route r : routes) {
            if (!r.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    long wakeUps() {
        return wakeUps.get();
    }

    IdleStrategy.Kind idleKind() {
        return idle.kind();
    }

    boolean running() {
        return running;
    }

    int routeCount() {
        return routes.length;
    }

    int tid() {
        return tid;
    }

    long handled() {
        return handled;
    }

    WorkerReport report() {
        return report;
    }

    /** The provider this worker's settings currently come from (null when none). */
    TuningProvider appliedProvider() {
        TuningPlan p = applied;
        return p == null ? null : p.provider();
    }

    boolean hasApplied(TuningPlan plan) {
        return applied == plan;
    }

    /** Undoes the previous provider's settings if the provider changed, then applies the plan. */
    private void retune(TuningPlan plan) {
        TuningPlan old = applied;
        Outcome restore = null;
        if (old != null && old.provider() != null && old.provider() != plan.provider()) {
            restore = call(() -> old.provider().restoreThread());
        }
        TuningProvider p = plan.provider();
        if (p == null) {
            Outcome none = Outcome.unsupported("no tuning provider bound");
            Reading<Object> unread = Reading.failed(none);
            report = new WorkerReport("none", plan.cpuOf(index), restore, none, none, none, none, unread, unread, unread,
                    unread, unread);
        } else {
            int cpu = plan.cpuOf(index);
            Outcome affinity = call(() -> p.pinThread(CpuSet.of(cpu)));
            Outcome nice = call(() -> p.setThreadNice(plan.nice()));
            Outcome io = call(() -> p.setThreadIoPriority(plan.ioPriority()));
            // Last, once pinned: a real-time policy takes effect on the CPU the worker will keep.
            Outcome scheduling = call(() -> p.setThreadScheduling(plan.scheduling()));
            report = new WorkerReport(p.name(), cpu, restore, affinity, nice, io, scheduling, read(p::threadAffinity),
                    read(p::threadNice), read(p::threadIoPriority), read(p::threadScheduling), read(p::threadId));
            planner.noteOutcome(getName(), p.name(), "affinity to CPU " + cpu, affinity);
            planner.noteOutcome(getName(), p.name(), "nice " + plan.nice(), nice);
            planner.noteOutcome(getName(), p.name(), "I/O priority " + plan.ioPriority(), io);
            planner.noteOutcome(getName(), p.name(), "scheduling " + plan.scheduling(), scheduling);
        }
        if (restore != null) {
            planner.noteOutcome(getName(), old.provider().name(), "restore", restore);
        }
        applied = plan;
    }

    private void undoTuning() {
        TuningPlan last = applied;
        if (last != null && last.provider() != null) {
            call(() -> last.provider().restoreThread());
        }
        applied = null;
    }

    /** A provider whose bundle is going away may throw; that is an outcome, not a worker crash. */
    private static Outcome call(java.util.function.Supplier<Outcome> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            return Outcome.unsupported("provider failed: " + e);
        }
    }

    private static Reading<?> read(java.util.function.Supplier<Reading<?>> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            return Reading.failed(Outcome.unsupported("provider failed: " + e));
        }
    }
}
