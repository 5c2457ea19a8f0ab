package io.v2e.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.v2e.tuning.api.TuningProvider;

/**
 * The worker threads and which routes each serves. A new worker set (count, CPUs or idle strategy
 * changed) starts after the old workers finished their current message; queues stay with their
 * routes, so nothing is lost or reordered.
 * <p>
 * Threading: {@link #place}, {@link #start} and {@link #replace} with the router's lock
 * ({@code lock}) held; the waits from any thread but a worker (a worker cannot wait for itself).
 */
final class WorkerPool {

    private static final Logger LOG = System.getLogger("io.v2e.broker");

    private final Object lock;
    private final String threadPrefix;
    private final Dispatcher dispatcher;
    private final TuningPlanner planner;
    private volatile Worker[] workers = new Worker[0];
    /** Guarded by lock. */
    private int generation;

    WorkerPool(Object lock, String threadPrefix, Dispatcher dispatcher, TuningPlanner planner) {
        this.lock = lock;
        this.threadPrefix = threadPrefix;
        this.dispatcher = dispatcher;
        this.planner = planner;
    }

    /** True on a worker thread: it must never wait for room or for other workers. */
    static boolean onWorkerThread() {
        return Thread.currentThread() instanceof Worker;
    }

    Worker[] workers() {
        return workers.clone();
    }

    /** Lock held. Puts a new route on the worker serving the fewest. */
    void place(Route route) {
        Worker best = null;
        for (Worker w : workers) {
            if (best == null || w.routeCount() < best.routeCount()) {
                best = w;
            }
        }
        best.addRoute(route);
    }

    /** Lock held (or the router's constructor). Starts the workers for these settings, spreading the routes. */
    void start(BrokerSettings s, List<Route> routesByName) {
        int count = s.workers() > 0 ? s.workers() : planner.plan().cpus().size();
        generation++;
        String prefix = threadPrefix + (generation > 1 ? "g" + generation + "-" : "") + "worker-";
        Worker[] next = new Worker[count];
        for (int i = 0; i < count; i++) {
            next[i] = new Worker(i, s.idleStrategy(), prefix, dispatcher, planner);
        }
        for (int i = 0; i < routesByName.size(); i++) {
            next[i % count].addRoute(routesByName.get(i));
        }
        workers = next;
        for (Worker w : next) {
            w.start();
        }
    }

    /** Lock held. Asks the current workers to finish their message and exit; returns them for {@link #awaitStopped}. */
    Worker[] signalStop() {
        Worker[] old = workers;
        for (Worker w : old) {
            w.shutdown();
        }
        return old;
    }

    /**
     * Lock held. Waits for the workers {@link #signalStop} returned, with the lock released: the
     * handler a worker is finishing may need the lock (a broker RPC reading the provider, an
     * endpoint registering another) before it can return. Returns false when, meanwhile, a stop or
     * another reconfiguration took over (then the caller must not start workers).
     */
    boolean awaitStopped(Worker[] old) {
        for (Worker w : old) {
            awaitExitReleasingLock(w);
        }
        return workers == old;
    }

    private void awaitExitReleasingLock(Worker w) {
        if (w == Thread.currentThread()) {
            return; // a handler reconfiguring the broker: this worker exits after it returns
        }
        boolean interrupted = false;
        while (w.isAlive()) {
            try {
                lock.wait(5);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Without the lock, at stop: each worker finishes its current message and undoes its tuning;
     * the queues keep the rest.
     */
    void stopAll() {
        Worker[] old = workers;
        for (Worker w : old) {
            w.shutdown();
        }
        for (Worker w : old) {
            joinUninterruptibly(w);
        }
    }

    /** Waits until every worker has applied {@code plan}, or the timeout passes; true when all did. */
    boolean awaitApplied(TuningPlan plan, long timeoutNanos) {
        if (onWorkerThread()) {
            return false;
        }
        return stillWaiting(w -> !w.hasApplied(plan), timeoutNanos) == null;
    }

    /** Waits (bounded) until no worker holds settings of {@code gone}, so its restore ran while it still worked. */
    void awaitOff(TuningProvider gone, long timeoutNanos) {
        if (onWorkerThread()) {
            return; // a handler stopping the provider: this worker retunes after it returns
        }
        Worker late = stillWaiting(w -> w.appliedProvider() == gone, timeoutNanos);
        if (late != null) {
            LOG.log(Level.WARNING, "{0} still holds settings of provider {1} after {2} ms (busy handler?)",
                    late.getName(), gone.name(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        }
    }

    /**
     * Polls each live worker until {@code waiting} no longer holds for it; returns the first worker
     * it still held for when the timeout passed, or null when every worker got there.
     */
    private Worker stillWaiting(Predicate<Worker> waiting, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (Worker w : workers) {
            while (w.isAlive() && waiting.test(w)) {
                if (System.nanoTime() - deadline > 0) {
                    return w;
                }
                LockSupport.parkNanos(200_000);
            }
        }
        return null;
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
}
