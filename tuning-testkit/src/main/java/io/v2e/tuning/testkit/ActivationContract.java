package io.v2e.tuning.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.TuningProvider;

/**
 * Activation of a real Linux provider (binding libc, probing capabilities on a short-lived thread,
 * measuring the call cost) leaves the activating thread exactly as it was. The thread's state is
 * set and read back with util-linux tools and /proc, never through the provider.
 * <p>
 * A provider test extends this class and supplies {@link #newActivatedProvider()}.
 */
public abstract class ActivationContract {

    /** Builds the provider outside OSGi and activates it, on the calling thread. */
    protected abstract TuningProvider newActivatedProvider();

    @Test
    void activationLeavesTheActivatingThreadAsItWas() throws Throwable {
        // Asked here, at nice 0: the reader's "nice -n -20" is relative to the caller's nice.
        boolean mayRaiseNice = KernelReader.mayRaiseNiceToMinus20();
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            // A state no default has.
            int cpu = KernelReader.processAllowedCpus().last();
            KernelReader.run("taskset", "-pc", Integer.toString(cpu), Integer.toString(tid));
            KernelReader.run("renice", "-n", "3", "-p", Integer.toString(tid));
            KernelReader.run("ionice", "-c", "2", "-n", "5", "-p", Integer.toString(tid));
            IoPriority io = new IoPriority(IoPriority.IoClass.BEST_EFFORT, 5);
            assertEquals(CpuSet.of(cpu), KernelReader.threadAllowedCpus());
            assertEquals(3, KernelReader.threadNice(tid));
            assertEquals(io, KernelReader.ioPriority(tid));

            TuningProvider provider = newActivatedProvider();

            // The probes really ran (raising nice needs the privilege this test JVM has or lacks).
            assertEquals(mayRaiseNice, provider.capabilities().permitted(Operation.THREAD_NICE));
            assertTrue(provider.capabilities().callCostNanos() > 0);
            assertEquals(CpuSet.of(cpu), KernelReader.threadAllowedCpus());
            assertEquals(3, KernelReader.threadNice(tid));
            assertEquals(io, KernelReader.ioPriority(tid));
        });
    }
}
