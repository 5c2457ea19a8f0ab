package io.v2e.tuning.noop.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.ContractExpectations;
import io.v2e.tuning.testkit.TuningProviderContract;

/** The noop provider under the shared contract: every operation UNSUPPORTED, the kernel untouched. */
class NoopTuningProviderTest extends TuningProviderContract {

    private final NoopTuningProvider provider = new NoopTuningProvider();

    @Override
    protected TuningProvider provider() {
        return provider;
    }

    @Override
    protected ContractExpectations expectations() {
        return ContractExpectations.nothingWorks();
    }
}
