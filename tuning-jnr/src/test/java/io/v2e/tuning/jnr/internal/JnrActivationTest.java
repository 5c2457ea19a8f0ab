package io.v2e.tuning.jnr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.testkit.FreshThread;
import io.v2e.tuning.testkit.KernelReader;

/** Activation (binding libc, probing capabilities) and the small pieces around it. */
class JnrActivationTest {

    @Test
    void activationLeavesTheActivatingThreadAsItWas() throws Throwable {
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            // Give the thread a state no default has, with util-linux tools (not the provider).
            int cpu = KernelReader.processAllowedCpus().last();
            KernelReader.run("taskset", "-pc", Integer.toString(cpu), Integer.toString(tid));
            KernelReader.run("renice", "-n", "3", "-p", Integer.toString(tid));
            KernelReader.run("ionice", "-c", "2", "-n", "5", "-p", Integer.toString(tid));
            CpuSet affinity = KernelReader.threadAllowedCpus();
            assertEquals(CpuSet.of(cpu), affinity);
            assertEquals(3, KernelReader.threadNice(tid));
            assertEquals(new IoPriority(IoPriority.IoClass.BEST_EFFORT, 5), KernelReader.ioPriority(tid));

            JnrTuningProvider provider = new JnrTuningProvider();

            assertEquals(KernelReader.mayRaiseNiceToMinus20(),
                    provider.capabilities().permitted(io.v2e.tuning.api.Operation.THREAD_NICE));
            assertEquals(affinity, KernelReader.threadAllowedCpus());
            assertEquals(3, KernelReader.threadNice(tid));
            assertEquals(new IoPriority(IoPriority.IoClass.BEST_EFFORT, 5), KernelReader.ioPriority(tid));
        });
    }
}
