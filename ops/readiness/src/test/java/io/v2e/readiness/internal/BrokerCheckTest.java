package io.v2e.readiness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.broker.api.rpc.WorkersReport;
import io.v2e.broker.api.rpc.WorkersReport.WorkerState;

class BrokerCheckTest {

    @Test
    void everyWorkerTunedByAnObtainedProviderIsReady() {
        assertNull(BrokerCheck.describe(report(false, worker(0, true), worker(1, true))));
    }

    @Test
    void aWorkerStillUntunedIsCountedInTheReason() {
        assertEquals("broker: workers not tuned yet (1 of 2)",
                BrokerCheck.describe(report(false, worker(0, true), worker(1, false))));
    }

    @Test
    void aPendingProviderIsNotReady() {
        assertEquals("broker: tuning provider bound but not obtained yet",
                BrokerCheck.describe(report(true, worker(0, true))));
    }

    @Test
    void noWorkersIsNotReady() {
        assertEquals("broker: no workers running", BrokerCheck.describe(report(false)));
    }

    @Test
    void noProviderBoundIsNotReady() {
        assertEquals("broker: no tuning provider bound yet",
                BrokerCheck.describe(new WorkersReport("none", false, null, List.of(worker(0, true)))));
    }

    private static WorkersReport report(boolean pending, WorkerState... workers) {
        return new WorkersReport("noop", pending, null, List.of(workers));
    }

    private static WorkerState worker(int i, boolean tuned) {
        return new WorkerState(i, "v2e-broker-worker-" + i, 100 + i, 0, tuned, "noop", i, null, null, null);
    }
}
