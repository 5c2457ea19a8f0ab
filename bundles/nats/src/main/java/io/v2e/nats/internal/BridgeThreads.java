package io.v2e.nats.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.TuningProvider;

/**
 * Makes every thread on the bridge's message path (jnats' reader, writer and dispatchers through
 * {@link #executor}, its callback thread through this factory, the bridge's own heartbeat thread) and
 * tunes each one through the bound provider: pinned to {@code thread_cpus} (or the provider's allowed
 * set), nice, I/O priority, every outcome kept for {@code nats:status}.
 * <p>
 * Threading: {@link #bind} from any thread publishes a new plan (volatile); each thread applies it
 * to itself in {@link #retune}, which its task start and every dispatched NATS message call, so a
 * provider swap reaches a dispatcher between two messages and the reader/writer at the next
 * (re)connect. Reports are a concurrent map.
 */
final class BridgeThreads implements ThreadFactory {

    private static final Logger LOG = System.getLogger("io.v2e.nats");

    /** What every bridge thread applies; generation grows with every change. */
    record Plan(TuningProvider provider, CpuSet cpus, int nice, IoPriority io, long generation) {
    }

    /** One thread's tuning as applied, for nats:status. */
    record ThreadReport(String name, int tid, String provider, long generation, boolean current, String affinity,
            String nice, String io) {
    }

    private record Applied(Plan plan, ThreadReport report) {
    }

    private static final ThreadLocal<Applied> APPLIED = new ThreadLocal<>();

    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();
    private final ConcurrentHashMap<Thread, ThreadReport> reports = new ConcurrentHashMap<>();
    private volatile Plan plan = new Plan(null, null, 0, new IoPriority(IoPriority.IoClass.NONE, 0), 0);
    private final java.util.Set<String> deniedLogged = ConcurrentHashMap.newKeySet();

    BridgeThreads(String prefix) {
        this.prefix = prefix;
    }

    /** A new plan: the provider (null = none) and the settings' thread placement. */
    synchronized void bind(TuningProvider provider, BridgeSettings s) {
        Plan p = plan;
        plan = new Plan(provider, s == null ? p.cpus() : s.threadCpus(), s == null ? p.nice() : s.threadNice(),
                s == null ? p.io() : s.threadIo(), p.generation() + 1);
    }

    synchronized void unbind(TuningProvider gone) {
        Plan p = plan;
        if (p.provider() == gone) {
            plan = new Plan(null, p.cpus(), p.nice(), p.io(), p.generation() + 1);
        }
    }

    TuningProvider provider() {
        return plan.provider();
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(() -> runTuned(r), prefix + sequence.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** An executor for jnats (reader, writer, dispatchers): each task starts by tuning its thread. */
    ExecutorService executor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), this) {
            @Override
            public void execute(Runnable command) {
                super.execute(() -> {
                    retune();
                    command.run();
                });
            }
        };
        return pool;
    }

    private void runTuned(Runnable r) {
        try {
            retune();
            r.run();
        } finally {
            Applied a = APPLIED.get();
            if (a != null && a.plan().provider() != null) {
                safely(a.plan().provider()::restoreThread);
            }
            APPLIED.remove();
            reports.remove(Thread.currentThread());
        }
    }

    /** Applies the current plan to the calling thread unless it already has (one volatile read then). */
    void retune() {
        Plan p = plan;
        Applied a = APPLIED.get();
        if (a != null && a.plan() == p) {
            return;
        }
        if (a == null && !Thread.currentThread().getName().startsWith(prefix)) {
            return; // not a bridge thread (a test calling a handler directly)
        }
        if (a != null && a.plan().provider() != null) {
            safely(a.plan().provider()::restoreThread);
        }
        ThreadReport report = apply(p);
        APPLIED.set(new Applied(p, report));
        reports.put(Thread.currentThread(), report);
    }

    private ThreadReport apply(Plan p) {
        String name = Thread.currentThread().getName();
        TuningProvider tp = p.provider();
        if (tp == null) {
            return new ThreadReport(name, -1, "none", p.generation(), true, "-", "-", "-");
        }
        Reading<Integer> tid = tp.threadId();
        CpuSet cpus = p.cpus() == null ? tp.allowedCpus() : p.cpus();
        Outcome pin = safely(() -> tp.pinThread(cpus));
        Outcome nice = safely(() -> tp.setThreadNice(p.nice()));
        Outcome io = p.io().ioClass() == IoPriority.IoClass.NONE ? Outcome.unsupported("io_class none: unchanged")
                : safely(() -> tp.setThreadIoPriority(p.io()));
        logDenied("pin to " + cpus, pin);
        logDenied("nice " + p.nice(), nice);
        logDenied("I/O " + p.io(), io);
        return new ThreadReport(name, tid.value().orElse(-1), tp.name(), p.generation(), true,
                cpus + " " + pin, p.nice() + " " + nice, p.io().ioClass().name().toLowerCase(java.util.Locale.ROOT)
                        + "/" + p.io().level() + " " + io);
    }

    private void logDenied(String what, Outcome o) {
        if (o.status() == Outcome.Status.DENIED && deniedLogged.add(what + o)) {
            LOG.log(Level.WARNING, "NATS bridge threads: " + what + " " + o + "; the bridge runs on without it");
        }
    }

    private static Outcome safely(java.util.function.Supplier<Outcome> op) {
        try {
            return op.get();
        } catch (RuntimeException e) { // a provider that went away meanwhile
            return Outcome.unsupported("provider failed: " + e);
        }
    }

    /** The tuning of every live bridge thread, by name; {@code current} false = applied an older plan. */
    List<ThreadReport> reports() {
        long gen = plan.generation();
        List<ThreadReport> list = new ArrayList<>();
        for (ThreadReport r : reports.values()) {
            list.add(new ThreadReport(r.name(), r.tid(), r.provider(), r.generation(), r.generation() == gen,
                    r.affinity(), r.nice(), r.io()));
        }
        list.sort(Comparator.comparing(ThreadReport::name));
        return list;
    }
}
