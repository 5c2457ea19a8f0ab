package io.v2e.readiness.internal;

import java.util.function.Supplier;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.rpc.WorkersReport;

/**
 * The broker is up: its service is there and, until the first time the container is ready, its
 * RPCGetWorkers report says the provider the host selects ({@link SelectedProvider}) is bound and
 * obtained and every worker applied its tuning (so a
 * one-shot {@code broker:workers} sees tuned workers). The report is read without a message
 * ({@code Broker.workersReport()}), so the checks never show in the broker's counters. Once ready,
 * only the service's presence is watched.
 */
final class BrokerCheck implements Check {

    private final Supplier<Broker> broker;
    private final Supplier<String> expectedProvider;

    /** @param expectedProvider the provider the broker should be bound to ({@link SelectedProvider#expected}) */
    BrokerCheck(Supplier<Broker> broker, Supplier<String> expectedProvider) {
        this.broker = broker;
        this.expectedProvider = expectedProvider;
    }

    @Override
    public String waitingFor(boolean firstTime) {
        Broker b = broker.get();
        if (b == null) {
            return "broker: no io.v2e.broker.api.Broker service";
        }
        if (!firstTime) {
            return null;
        }
        WorkersReport report = b.workersReport();
        String why = describe(report);
        if (why != null) {
            return why;
        }
        String expected = expectedProvider.get();
        if (expected.startsWith("no ")) {
            return "broker: " + expected;
        }
        return expected.equals(report.provider()) ? null
                : "broker: workers tuned by " + report.provider() + ", the host's selected provider " + expected
                        + " is not bound yet";
    }

    /** Null when the report shows every worker tuned by an obtained provider. */
    static String describe(WorkersReport report) {
        if (report.providerPending()) {
            return "broker: tuning provider bound but not obtained yet";
        }
        if (report.provider() == null || "none".equals(report.provider())) {
            return "broker: no tuning provider bound yet";
        }
        if (report.workers().isEmpty()) {
            return "broker: no workers running";
        }
        long tuned = report.workers().stream().filter(WorkersReport.WorkerState::tuningCurrent).count();
        if (tuned < report.workers().size()) {
            return "broker: workers not tuned yet (" + tuned + " of " + report.workers().size() + ")";
        }
        return null;
    }
}
