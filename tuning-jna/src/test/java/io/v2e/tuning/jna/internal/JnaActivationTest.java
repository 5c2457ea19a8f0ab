package io.v2e.tuning.jna.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.testkit.FreshThread;
import io.v2e.tuning.testkit.KernelReader;

/** Activation binds libc and probes capabilities without touching the thread that activates. */
class JnaActivationTest {

    @Test
    void activationLeavesTheActivatingThreadAsItWas() throws Throwable {
        // Asked here, at nice 0: the reader's "nice -n -20" is relative to the caller's nice.
        boolean mayRaiseNice = KernelReader.mayRaiseNiceToMinus20();
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            // A state no default has, set with util-linux tools (not the provider).
            int cpu = KernelReader.processAllowedCpus().last();
            KernelReader.run("taskset", "-pc", Integer.toString(cpu), Integer.toString(tid));
            KernelReader.run("renice", "-n", "3", "-p", Integer.toString(tid));
            KernelReader.run("ionice", "-c", "2", "-n", "5", "-p", Integer.toString(tid));
            IoPriority io = new IoPriority(IoPriority.IoClass.BEST_EFFORT, 5);
            assertEquals(CpuSet.of(cpu), KernelReader.threadAllowedCpus());
            assertEquals(3, KernelReader.threadNice(tid));
            assertEquals(io, KernelReader.ioPriority(tid));

            JnaTuningProvider provider = new JnaTuningProvider();
            provider.activate();

            // The probes really ran (raising nice needs the privilege this test JVM has or lacks).
            assertEquals(mayRaiseNice, provider.capabilities().permitted(Operation.THREAD_NICE));
            assertTrue(provider.capabilities().callCostNanos() > 0);
            assertEquals(CpuSet.of(cpu), KernelReader.threadAllowedCpus());
            assertEquals(3, KernelReader.threadNice(tid));
            assertEquals(io, KernelReader.ioPriority(tid));
        });
    }
}
