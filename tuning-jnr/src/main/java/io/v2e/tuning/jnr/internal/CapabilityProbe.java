package io.v2e.tuning.jnr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;

/**
 * Finds out, once at activation, what the kernel lets this process do, by trying each operation
 * harmlessly: re-setting the calling thread's own affinity, nice and I/O priority to the values
 * they already have, and trying the privileged settings (nice -20, real-time I/O class) on a
 * short-lived probe thread, so the activating thread is never altered.
 */
final class CapabilityProbe {

    private static final int COST_WARMUP = 20_000; // enough for the JIT to compile the call path
    private static final int COST_SAMPLES = 201;

    private final LinuxKernel kernel;

    CapabilityProbe(LinuxKernel kernel) {
        this.kernel = kernel;
    }

    Capabilities probe() {
        Map<Operation, Capability> map = new EnumMap<>(Operation.class);
        map.put(Operation.CPU_AFFINITY, guarded(Operation.CPU_AFFINITY, this::affinity));
        map.put(Operation.THREAD_NICE, guarded(Operation.THREAD_NICE, this::nice));
        map.put(Operation.IO_PRIORITY, guarded(Operation.IO_PRIORITY, this::ioPriority));
        map.put(Operation.MEMORY_ADVICE, guarded(Operation.MEMORY_ADVICE, this::memoryAdvice));
        map.put(Operation.PAGE_CACHE_ADVICE, guarded(Operation.PAGE_CACHE_ADVICE, this::pageCacheAdvice));
        long cost = map.get(Operation.THREAD_NICE).supported() ? medianNanosOfThreadNice() : -1;
        return new Capabilities(map, cost);
    }

    private Capability affinity() {
        int tid = kernel.callingThread();
        Reading<CpuSet> current = kernel.affinity(tid);
        if (!current.isPresent()) {
            return Capability.unsupported(Operation.CPU_AFFINITY, "sched_getaffinity: " + current.outcome());
        }
        return fromOutcome(Operation.CPU_AFFINITY, kernel.setAffinity(tid, current.get()), "re-setting the affinity");
    }

    private Capability nice() {
        int tid = kernel.callingThread();
        Reading<Integer> current = kernel.nice(tid);
        if (!current.isPresent()) {
            return Capability.unsupported(Operation.THREAD_NICE, "getpriority: " + current.outcome());
        }
        Outcome same = kernel.setNice(tid, current.get());
        if (!same.isApplied()) {
            return new Capability(Operation.THREAD_NICE, same.status() == Outcome.Status.DENIED, false,
                    "re-setting nice " + current.get() + ": " + same);
        }
        Outcome raised = onProbeThread(() -> kernel.setNice(kernel.callingThread(), -20));
        return raised.isApplied() ? new Capability(Operation.THREAD_NICE, true, true, "")
                : new Capability(Operation.THREAD_NICE, true, false, "nice -20 on a probe thread: " + raised);
    }

    private Capability ioPriority() {
        int tid = kernel.callingThread();
        Reading<IoPriority> current = kernel.ioPriority(tid);
        if (!current.isPresent()) {
            Outcome o = current.outcome();
            return o.status() == Outcome.Status.UNSUPPORTED || "ENOSYS".equals(o.errno())
                    ? Capability.unsupported(Operation.IO_PRIORITY, "ioprio_get: " + o)
                    : new Capability(Operation.IO_PRIORITY, true, false, "ioprio_get: " + o);
        }
        Outcome same = kernel.setIoPriority(tid, JnrTuningProvider.settable(current.get()));
        if (!same.isApplied()) {
            return new Capability(Operation.IO_PRIORITY, same.status() == Outcome.Status.DENIED, false,
                    "re-setting I/O priority " + current.get() + ": " + same);
        }
        IoPriority realtime = new IoPriority(IoPriority.IoClass.REALTIME, 0);
        Outcome raised = onProbeThread(() -> kernel.setIoPriority(kernel.callingThread(), realtime));
        return raised.isApplied() ? new Capability(Operation.IO_PRIORITY, true, true, "")
                : new Capability(Operation.IO_PRIORITY, true, false, "realtime/0 on a probe thread: " + raised);
    }

    private Capability memoryAdvice() {
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) kernel.pageSize() * 2);
        return fromOutcome(Operation.MEMORY_ADVICE, kernel.madvise(buffer, 0, buffer.capacity(), MemoryAdvice.NORMAL),
                "madvise NORMAL on a direct buffer");
    }

    private Capability pageCacheAdvice() {
        if (!kernel.descriptors().available()) {
            return Capability.unsupported(Operation.PAGE_CACHE_ADVICE, kernel.descriptors().unavailableReason());
        }
        try {
            Path file = Files.createTempFile("v2e-fadvise-probe", ".tmp");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return fromOutcome(Operation.PAGE_CACHE_ADVICE,
                        kernel.fadvise(channel, 0, 0, PageCacheAdvice.NORMAL), "posix_fadvise NORMAL on a temp file");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            return Capability.unsupported(Operation.PAGE_CACHE_ADVICE, "no temp file to probe with: " + e);
        }
    }

    /** The median time of one threadNice() read (gettid + getpriority), a cheap provider call. */
    private long medianNanosOfThreadNice() {
        for (int i = 0; i < COST_WARMUP; i++) {
            kernel.nice(kernel.callingThread());
        }
        long[] samples = new long[COST_SAMPLES];
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            kernel.nice(kernel.callingThread());
            samples[i] = System.nanoTime() - t0;
        }
        Arrays.sort(samples);
        return Math.max(1, samples[samples.length / 2]);
    }

    private static Capability fromOutcome(Operation op, Outcome outcome, String what) {
        switch (outcome.status()) {
            case APPLIED:
                return new Capability(op, true, true, "");
            case DENIED:
                return new Capability(op, true, false, what + ": " + outcome);
            default:
                return Capability.unsupported(op, what + ": " + outcome);
        }
    }

    /** A probe must never break activation: anything unexpected makes the operation unsupported. */
    private static Capability guarded(Operation op, Supplier<Capability> probe) {
        try {
            return probe.get();
        } catch (RuntimeException | LinkageError e) {
            return Capability.unsupported(op, "probe failed: " + e);
        }
    }

    /** Runs {@code attempt} on a new thread that ends right after, so its changes die with it. */
    private static Outcome onProbeThread(Supplier<Outcome> attempt) {
        AtomicReference<Outcome> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread probe = new Thread(() -> {
            try {
                result.set(attempt.get());
            } catch (RuntimeException | LinkageError e) {
                failure.set(e);
            }
        }, "v2e-tuning-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.unsupported("interrupted while probing");
        }
        return failure.get() != null ? Outcome.unsupported("probe thread failed: " + failure.get()) : result.get();
    }
}
