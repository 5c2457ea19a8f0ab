package io.v2e.tuning.testkit;

import java.util.EnumSet;
import java.util.Set;

import io.v2e.tuning.api.Operation;

/**
 * What a provider under the contract suite is expected to do on this machine: the operations it
 * really performs (reported supported, answered APPLIED or DENIED by the kernel); every other
 * operation must be reported unsupported and answered UNSUPPORTED without touching the kernel.
 *
 * @param working the operations the provider performs
 */
public record ContractExpectations(Set<Operation> working) {

    public ContractExpectations {
        working = working.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(working));
    }

    /** A full Linux provider (jnr, jna, ffm): every operation works. */
    public static ContractExpectations everyOperationWorks() {
        return new ContractExpectations(EnumSet.allOf(Operation.class));
    }

    /** A provider that changes nothing (noop): every operation is UNSUPPORTED. */
    public static ContractExpectations nothingWorks() {
        return new ContractExpectations(EnumSet.noneOf(Operation.class));
    }

    public boolean works(Operation operation) {
        return working.contains(operation);
    }

    /**
     * Whether the process-level (pid-targeted) operations work: they use the thread operations'
     * calls on every task of the process, so a provider that performs the thread operations
     * performs them too (there is no separate {@link Operation} for them).
     */
    public boolean processOperationsWork() {
        return working.containsAll(EnumSet.of(Operation.CPU_AFFINITY, Operation.THREAD_NICE, Operation.IO_PRIORITY,
                Operation.THREAD_SCHEDULING));
    }
}
