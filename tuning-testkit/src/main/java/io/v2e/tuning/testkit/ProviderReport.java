package io.v2e.tuning.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
 * {@code schedFifo10}, {@code schedBatch}, {@code restore}; {@code kernel.*} read back through {@link KernelReader}.
 */
public final class ProviderReport {

    private ProviderReport() {
    }

    public static void print(TuningProvider provider, PrintStream out) {
        int tid = KernelReader.currentTid();
        out.println("provider=" + provider.name());
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
        outcome(out, "fadviseDontneed", fadviseTempFile(provider));

        outcome(out, "schedFifo10", provider.setThreadScheduling(new ThreadScheduling(SchedulingPolicy.FIFO, 10)));
        out.println("kernel.policyAfterFifo10=" + KernelReader.threadSchedPolicy(tid));
        out.println("kernel.rtPriorityAfterFifo10=" + KernelReader.threadRtPriority(tid));
        outcome(out, "schedBatch", provider.setThreadScheduling(new ThreadScheduling(SchedulingPolicy.BATCH, 0)));
        out.println("kernel.policyAfterBatch=" + KernelReader.threadSchedPolicy(tid));

        outcome(out, "restore", provider.restoreThread());
        out.println("kernel.policyAfterRestore=" + KernelReader.threadSchedPolicy(tid));
        out.println("kernel.niceAfterRestore=" + KernelReader.threadNice(tid));
        out.println("kernel.threadAllowedCpusAfterRestore=" + KernelReader.threadAllowedCpus());
        out.println("kernel.ioAfterRestore=" + KernelReader.ioPriority(tid));
        out.flush();
    }

    private static Outcome fadviseTempFile(TuningProvider provider) {
        try {
            Path file = Files.createTempFile("provider-report", ".bin");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(64 * 1024));
                ch.force(true);
                return provider.advisePageCache(ch, 0, 0, PageCacheAdvice.DONTNEED);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void outcome(PrintStream out, String key, Outcome outcome) {
        out.println(key + ".status=" + outcome.status());
        out.println(key + ".errno=" + outcome.errno());
        out.println(key + ".detail=" + outcome.detail());
    }
}
