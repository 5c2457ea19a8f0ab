package io.v2e.broker.api.rpc;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RPCGetWorkers: the bound provider, the configuration in force and, per worker, what it set, what
 * the provider reads back and what /proc says - three independent views of the same thread.
 *
 * @param provider        the bound provider's name, or {@code none}
 * @param providerPending true while a provider is bound by reference but not yet obtained
 */
public record WorkersReport(String provider, boolean providerPending, Config config, List<WorkerState> workers) {

    public WorkersReport {
        workers = List.copyOf(workers);
    }

    /** True once the provider is obtained and every worker applied the current tuning. */
    public boolean settled() {
        if (providerPending) {
            return false;
        }
        for (WorkerState w : workers) {
            if (!w.tuningCurrent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The broker configuration in force, with the keys and values of etc/io.v2e.broker.cfg.
     *
     * @param lastRejection why the last configuration was refused (the previous one stays), or null
     */
    public record Config(int workers, String cpus, int nice, String ioClass, int ioLevel, String workerScheduling,
            int workerRtPriority, int queueCapacity, String offerPolicy, long offerTimeoutMs, long requestTimeoutMs,
            int maxMessageBytes, String idleStrategy, long drainTimeoutMs, String lastRejection) {
    }

    /**
     * One worker thread. {@code provider}, {@code cpu}, {@code outcomes} and {@code providerReadback}
     * are absent (null) until the worker tuned itself the first time.
     *
     * @param tuningCurrent true while the worker serves with the latest tuning applied (false while it is still in
     *                      a handler and has not retuned, or is stopping to be replaced)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkerState(int index, String name, int tid, long handled, boolean tuningCurrent, String provider,
            Integer cpu, Outcomes outcomes, Readback providerReadback, ProcThreadState proc) {
    }

    /** What each setting's call returned (an Outcome's text: APPLIED, UNSUPPORTED(..), DENIED(errno ..)). */
    public record Outcomes(String restore, String affinity, String nice, String ioPriority, String scheduling) {
    }

    /** What the provider reads back for the thread (a Reading's text). */
    public record Readback(String tid, String affinity, String nice, String ioPriority, String scheduling) {
    }

    /**
     * The thread as /proc shows it, read independently of any provider; a member is absent when
     * /proc could not be read.
     *
     * @param policy     the scheduling policy's configuration name (fifo), or its number when it has none
     * @param rtPriority present with {@code policy}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProcThreadState(String cpusAllowedList, Integer nice, String policy, Integer rtPriority,
            Integer lastCpu) {
    }
}
