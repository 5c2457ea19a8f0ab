package io.v2e.ssg.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;

/**
 * Parses many files on {@code threads} worker threads, for {@code ssg:import}. Each worker is
 * placed through the tuning provider (pinned to one CPU of the process's allowed set, round robin;
 * the outcome is reported, DENIED included) and restored before it ends; the kernel hints per
 * file are the parser's own (its windows are advised as in any parse). Files are taken largest
 * first, so the big data streams do not end up last on one worker. Memory is bounded by the
 * workers: each holds at most one parse, and only its statistics are kept. Single use: {@link #run}
 * is called once, from one thread; the listener is called from the workers, one call at a time.
 */
public final class ParallelImport {

    /** Progress callbacks, never called concurrently. */
    public interface Listener {
        void starting(String name);

        /** No progress wanted. */
        Listener NONE = new Listener() {
            @Override
            public void starting(String name) {
            }

            @Override
            public void finished(String name, long bytes) {
            }
        };

        void finished(String name, long bytes);
    }

    /** One file: its size on disk, and its statistics or its refusal. */
    public record FileResult(Path file, long bytes, ParseStatistics statistics, SsgParseException error) {
    }

    /** Where a worker ran: its name, the CPU asked for (-1: not placed) and the provider's answer. */
    public record Placement(String worker, int cpu, String outcome) {
    }

    /** Files in the order given, the workers' placements, and the wall time of the whole import. */
    public record Result(List<FileResult> files, List<Placement> placements, long wallNanos) {
    }

    private final SsgParser parser;
    private final TuningProvider provider;
    private final LongSupplier nanoClock;

    /** @param provider places the workers; null: not placed ("none") */
    public ParallelImport(SsgParser parser, TuningProvider provider, LongSupplier nanoClock) {
        this.parser = parser;
        this.provider = provider;
        this.nanoClock = nanoClock;
    }

    /** Threads used when none are asked for: one per CPU the process may run on. */
    public static int defaultThreads(TuningProvider provider) {
        if (provider != null) {
            int allowed = provider.allowedCpus().size();
            if (allowed > 0) {
                return allowed;
            }
        }
        return Runtime.getRuntime().availableProcessors(); // honours the affinity mask and cgroup limits
    }

    public Result run(List<Path> files, int threads, Listener listener) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long start = nanoClock.getAsLong();
        FileResult[] results = new FileResult[files.size()];
        long[] sizes = new long[files.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sizeOf(files.get(i));
        }
        Integer[] order = new Integer[files.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> sizes[i]).reversed()); // stable: ties by name
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int workers = Math.min(threads, Math.max(1, files.size()));
        Placement[] placements = new Placement[workers];
        CpuSet allowed = provider == null ? CpuSet.empty() : provider.allowedCpus();
        List<Thread> started = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                placements[worker] = place(worker, allowed);
                try {
                    for (int k = next.getAndIncrement(); k < order.length && failure.get() == null; k = next.getAndIncrement()) {
                        int i = order[k];
                        String name = files.get(i).getFileName().toString();
                        synchronized (listener) {
                            listener.starting(name);
                        }
                        results[i] = parse(files.get(i), sizes[i]);
                        synchronized (listener) {
                            listener.finished(name, sizes[i]);
                        }
                    }
                } catch (Throwable e) { // a programming error: stop everyone, rethrown by run
                    failure.compareAndSet(null, e);
                } finally {
                    if (provider != null && allowed.size() > 0) {
                        provider.restoreThread();
                    }
                }
            }, "ssg-import-" + w);
            t.setDaemon(true);
            started.add(t);
            t.start();
        }
        for (Thread t : started) {
            t.join();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new Result(Arrays.asList(results), Arrays.asList(placements), nanoClock.getAsLong() - start);
    }

    private Placement place(int worker, CpuSet allowed) {
        String name = "ssg-import-" + worker;
        if (provider == null) {
            return new Placement(name, -1, "not placed: no tuning provider");
        }
        if (allowed.isEmpty()) {
            return new Placement(name, -1, "not placed: provider " + provider.name() + " reports no allowed CPUs");
        }
        int cpu = allowed.get(worker % allowed.size());
        Outcome o = provider.pinThread(CpuSet.of(cpu));
        return new Placement(name, cpu, String.valueOf(o));
    }

    private FileResult parse(Path file, long bytes) {
        try {
            return new FileResult(file, bytes, parser.parse(file).statistics(), null);
        } catch (SsgParseException e) {
            return new FileResult(file, bytes, null, e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0; // the parse reports the problem
        }
    }
}
