package io.v2e.transport.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.api.proc.ProcThreads;

/**
 * One I/O event-loop thread: a Selector multiplexing many connections (reading, and writing what
 * their callers could not write at once), plus a queue of tasks other threads hand it.
 * <p>
 * Threading: {@link #run} is the loop thread; it alone touches the selector's keys and its
 * connections' read side. {@link #execute} from any thread; it wakes the selector only when the
 * loop is blocked in select (a loop that is awake runs the task before it sleeps again).
 * Between select rounds the loop compares the tuner's plan with the one it applied and retunes
 * itself, so a provider swap never interrupts a read.
 */
final class IoLoop extends Thread {

    private static final Logger LOG = System.getLogger("io.v2e.transport");

    final int index;
    private final Selector selector;
    private final LoopTuner tuner;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /**
     * True while the loop is (about to be) blocked in select. Invariant: the loop sets it before it
     * last looks at the task queue, a producer reads it after it queued, so either the loop sees
     * the task or the producer sees it asleep and wakes it.
     */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    private volatile LoopPlan applied;
    private volatile LoopReport report;
    /** What /proc showed after the final restore at stop (null before). */
    private volatile LoopReport.ProcView restoredProc;
    private volatile Outcome finalRestore;
    private volatile int tid = -1;

    private final AtomicLong wakeups = new AtomicLong();
    private volatile long selects;
    private volatile long readyEvents;
    private volatile long tasksRun;

    IoLoop(int index, String name, LoopTuner tuner) throws IOException {
        super(name);
        this.index = index;
        this.tuner = tuner;
        this.selector = Selector.open();
        setDaemon(true);
    }

    // ---------------------------------------------------------------- any thread

    /** Runs {@code task} on the loop thread, soon; waking the loop only when it sleeps in select. */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != this && sleeping.compareAndSet(true, false)) {
            wakeups.incrementAndGet();
            selector.wakeup();
        }
    }

    /** Wakes the loop so it looks at the tuner's plan now. */
    void nudge() {
        execute(() -> { });
    }

    /** Registers {@code channel} (non-blocking already) for reading, with {@code connection} attached. */
    void adopt(SocketChannel channel, Connection connection) {
        connections.incrementAndGet();
        execute(() -> {
            try {
                connection.registered(channel.register(selector, SelectionKey.OP_READ, connection));
            } catch (ClosedChannelException | RuntimeException e) {
                connection.registrationFailed(e);
            }
        });
    }

    /** The loop thread, when a connection it served is gone. */
    void released() {
        connections.decrementAndGet();
    }

    /** Asks the loop to stop; it restores its tuning before it exits. */
    void shutdown() {
        running = false;
        selector.wakeup();
    }

    boolean awaitFinished(long millis) {
        try {
            return finished.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean hasApplied(LoopPlan plan) {
        return applied == plan;
    }

    TuningProvider appliedProvider() {
        LoopPlan p = applied;
        return p == null ? null : p.provider();
    }

    int tid() {
        return tid;
    }

    int connectionCount() {
        return connections.get();
    }

    LoopReport report() {
        return report;
    }

    LoopReport.ProcView restoredProc() {
        return restoredProc;
    }

    Outcome finalRestore() {
        return finalRestore;
    }

    long wakeups() {
        return wakeups.get();
    }

    /** True while the loop is blocked (or about to block) in select. */
    boolean asleep() {
        return sleeping.get();
    }

    long selects() {
        return selects;
    }

    long readyEvents() {
        return readyEvents;
    }

    long tasksRun() {
        return tasksRun;
    }

    // ---------------------------------------------------------------- the loop thread

    @Override
    public void run() {
        tid = ProcThreads.currentTid().orElse(-1);
        try {
            while (running) {
                LoopPlan plan = tuner.plan();
                if (plan != applied) {
                    retune(plan);
                }
                runTasks();
                sleeping.set(true);
                int n;
                if (!tasks.isEmpty() || !running || tuner.plan() != applied) {
                    sleeping.set(false);
                    n = selector.selectNow();
                } else {
                    n = selector.select();
                    sleeping.set(false);
                }
                selects++;
                if (n > 0) {
                    handleReady();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, getName() + " failed; its connections are closed", e);
        } finally {
            sleeping.set(false);
            closeRemaining();
            undoTuning();
            try {
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
            finished.countDown();
        }
    }

    private void runTasks() {
        Runnable t;
        long n = 0;
        while ((t = tasks.poll()) != null) {
            n++;
            try {
                t.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, getName() + ": a task failed", e);
            }
        }
        if (n > 0) {
            tasksRun += n;
        }
    }

    private void handleReady() {
        long n = 0;
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            n++;
            Object a = key.attachment();
            if (a instanceof Connection) {
                ((Connection) a).ready(key);
            }
        }
        readyEvents += n;
    }

    /** At exit: connections still registered are cleaned up here (their waiting requests get errors). */
    private void closeRemaining() {
        runTasks();
        List<Connection> left = new ArrayList<>();
        try {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Connection) {
                    left.add((Connection) k.attachment());
                }
            }
        } catch (RuntimeException e) {
            // selector closed already
        }
        for (Connection c : left) {
            c.close("transport stopped", null);
            c.cleanUpOnLoop();
        }
        runTasks();
    }

    /** Undoes the previous provider's settings if the provider changed, then applies the plan. */
    private void retune(LoopPlan plan) {
        LoopPlan old = applied;
        Outcome restore = null;
        if (old != null && old.provider() != null && old.provider() != plan.provider()) {
            TuningProvider previous = old.provider();
            restore = call(previous::restoreThread);
            tuner.noteOutcome(getName(), previous.name(), "restore", restore);
        }
        TuningProvider p = plan.provider();
        String cpus = plan.cpusOf(index).toString();
        if (p == null) {
            Outcome none = Outcome.unsupported("no tuning provider bound");
            Reading<Object> unread = Reading.failed(none);
            report = new LoopReport("none", cpus, restore, none, none, none, none, unread, unread, unread, unread,
                    LoopReport.ProcView.ofCurrentThread());
        } else {
            Outcome affinity = call(() -> p.pinThread(plan.cpusOf(index)));
            Outcome nice = call(() -> p.setThreadNice(plan.nice()));
            Outcome io = call(() -> p.setThreadIoPriority(plan.ioPriority()));
            // Last, once placed: a real-time policy takes effect where the loop will stay.
            Outcome scheduling = call(() -> p.setThreadScheduling(plan.scheduling()));
            report = new LoopReport(p.name(), cpus, restore, affinity, nice, io, scheduling, read(p::threadAffinity),
                    read(p::threadNice), read(p::threadIoPriority), read(p::threadScheduling),
                    LoopReport.ProcView.ofCurrentThread());
            tuner.noteOutcome(getName(), p.name(), "affinity to CPUs " + cpus, affinity);
            tuner.noteOutcome(getName(), p.name(), "nice " + plan.nice(), nice);
            tuner.noteOutcome(getName(), p.name(), "I/O priority " + plan.ioPriority(), io);
            tuner.noteOutcome(getName(), p.name(), "scheduling " + plan.scheduling(), scheduling);
        }
        applied = plan;
    }

    private void undoTuning() {
        LoopPlan last = applied;
        if (last != null && last.provider() != null) {
            finalRestore = call(() -> last.provider().restoreThread());
        }
        restoredProc = LoopReport.ProcView.ofCurrentThread();
        applied = null;
    }

    /** A provider whose bundle is going away may throw; that is an outcome, not a loop crash. */
    private static Outcome call(Supplier<Outcome> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            return Outcome.unsupported("provider failed: " + e);
        }
    }

    private static Reading<?> read(Supplier<Reading<?>> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            return Reading.failed(Outcome.unsupported("provider failed: " + e));
        }
    }
}
