package io.v2e.tuning.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * Exercises a provider on the calling thread and prints what it answered and what the kernel
 * then shows, as {@code key=value} lines. A provider's test sources wrap it in a tiny {@code main}
 * that {@link ChildJvmContract} runs in a child JVM with fewer privileges or CPUs.
 * <p>
 * Keys: {@code capability.OP.supported|permitted|detail}, {@code allowedCpus}, {@code OPERATION.status},
 * {@code OPERATION.errno} for the operations {@code niceMinus10}, {@code nicePlus5}, {@code pin},
 * {@code ioRealtime0}, {@code ioBestEffort7}, {@code madviseWillneed}, {@code fadviseDontneed},
 * {@code fadviseUnreadable},
 * {@code schedFifo10}, {@code schedBatch}, {@code processNiceMinus5}, {@code processNicePlus12} (on a
 * child {@code sleep}, with {@code processAlive}), {@code restore}; {@code jvm.inputArguments}; {@code kernel.*} read
 * back through {@link KernelReader}.
 */
public final class ProviderReport {

    private ProviderReport() {
    }

    public static void print(TuningProvider provider, PrintStream out) {
        int tid = KernelReader.currentTid();
        out.println("provider=" + provider.name());
        // The JVM's own flags, so a test can show which were (not) given.
        out.println("jvm.inputArguments=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        for (Operation op : Operation.values()) {
            Capability c = provider.capabilities().of(op);
            out.println("capability." + op + ".supported=" + c.supported());
            out.println("capability." + op + ".permitted=" + c.permitted());
            out.println("capability." + op + ".detail=" + c.detail());
        }
        out.println("callCostNanos=" + provider.capabilities().callCostNanos());
        CpuSet allowed = provider.allowedCpus();
        out.println("allowedCpus=" + allowed);
        out.println("kernel.processAllowedCpus=" + KernelReader.processAllowedCpus());
        out.println("kernel.niceBefore=" + KernelReader.threadNice(tid));
        out.println("kernel.ioBefore=" + KernelReader.ioPriority(tid));

        outcome(out, "niceMinus10", provider.setThreadNice(-10));
        out.println("kernel.niceAfterMinus10=" + KernelReader.threadNice(tid));
        outcome(out, "nicePlus5", provider.setThreadNice(5));
        out.println("kernel.niceAfterPlus5=" + KernelReader.threadNice(tid));

        CpuSet target = CpuSet.of(allowed.last());
        out.println("pinTarget=" + target);
        outcome(out, "pin", provider.pinThread(target));
        out.println("kernel.threadAllowedCpus=" + KernelReader.threadAllowedCpus());

        outcome(out, "ioRealtime0", provider.setThreadIoPriority(new IoPriority(IoPriority.IoClass.REALTIME, 0)));
        out.println("kernel.ioAfterRealtime0=" + KernelReader.ioPriority(tid));
        outcome(out, "ioBestEffort7", provider.setThreadIoPriority(new IoPriority(IoPriority.IoClass.BEST_EFFORT, 7)));
        out.println("kernel.ioAfterBestEffort7=" + KernelReader.ioPriority(tid));

        ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);
        outcome(out, "madviseWillneed", provider.adviseMemory(direct, 0, direct.capacity(), MemoryAdvice.WILLNEED));
        fadviseTempFiles(provider, out);

        outcome(out, "schedFifo10", provider.setThreadScheduling(new ThreadScheduling(SchedulingPolicy.FIFO, 10)));
        out.println("kernel.policyAfterFifo10=" + KernelReader.threadSchedPolicy(tid));
        out.println("kernel.rtPriorityAfterFifo10=" + KernelReader.threadRtPriority(tid));
        outcome(out, "schedBatch", provider.setThreadScheduling(new ThreadScheduling(SchedulingPolicy.BATCH, 0)));
        out.println("kernel.policyAfterBatch=" + KernelReader.threadSchedPolicy(tid));

        processNice(provider, out);

        outcome(out, "restore", provider.restoreThread());
        out.println("kernel.policyAfterRestore=" + KernelReader.threadSchedPolicy(tid));
        out.println("kernel.niceAfterRestore=" + KernelReader.threadNice(tid));
        out.println("kernel.threadAllowedCpusAfterRestore=" + KernelReader.threadAllowedCpus());
        out.println("kernel.ioAfterRestore=" + KernelReader.ioPriority(tid));
        out.flush();
    }

    /**
     * DONTNEED on a cached temp file (with fincore before and after) and on a temp file of mode
     * 000, which only CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH may open.
     */
    private static void fadviseTempFiles(TuningProvider provider, PrintStream out) {
        try {
            // Disk-backed (the child runs in the module folder): tmpfs pages cannot be evicted.
            Path dir = BuildDirTempDirFactory.diskBackedTempDirectory();
            Path file = Files.createFile(dir.resolve("cached.bin"));
            Path unreadable = Files.createFile(dir.resolve("unreadable.bin"));
            try {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                    while (chunk.hasRemaining()) {
                        ch.write(chunk);
                    }
                    ch.force(true);
                }
                out.println("kernel.fadviseResidentBefore=" + KernelReader.pageCacheBytes(file));
                outcome(out, "fadviseDontneed", provider.advisePageCache(file, 0, 0, PageCacheAdvice.DONTNEED));
                out.println("kernel.fadviseResidentAfter=" + KernelReader.pageCacheBytes(file));
                Files.setPosixFilePermissions(unreadable, Set.of());
                outcome(out, "fadviseUnreadable",
                        provider.advisePageCache(unreadable, 0, 0, PageCacheAdvice.DONTNEED));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(unreadable);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nice -5 on every thread of a child process ({@code sleep}), and whether it still runs. */
    private static void processNice(TuningProvider provider, PrintStream out) {
        try {
            Process child = new ProcessBuilder("sleep", "60").start();
            try {
                int pid = (int) child.pid();
                // The child inherits this thread's nice (5 by now): -5 lowers it, 12 raises it.
                out.println("kernel.processNiceBefore=" + KernelReader.taskStatField(pid, pid, 19));
                outcome(out, "processNiceMinus5", provider.setProcessNice(pid, -5));
                out.println("kernel.processNiceAfterMinus5=" + KernelReader.taskStatField(pid, pid, 19));
                outcome(out, "processNicePlus12", provider.setProcessNice(pid, 12));
                out.println("kernel.processNiceAfterPlus12=" + KernelReader.taskStatField(pid, pid, 19));
                out.println("processAlive=" + child.isAlive());
            } finally {
                child.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void outcome(PrintStream out, String key, Outcome outcome) {
        out.println(key + ".status=" + outcome.status());
        out.println(key + ".errno=" + outcome.errno());
        out.println(key + ".detail=" + outcome.detail());
    }
}
