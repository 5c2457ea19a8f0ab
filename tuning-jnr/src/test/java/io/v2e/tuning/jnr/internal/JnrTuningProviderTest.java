package io.v2e.tuning.jnr.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.TuningProviderContract;

/** The jnr provider under the shared contract, checked against /proc, ionice and fincore. */
class JnrTuningProviderTest extends TuningProviderContract {

    private static final JnrTuningProvider PROVIDER = new JnrTuningProvider();

    @Override
    protected TuningProvider provider() {
        return PROVIDER;
    }
}
