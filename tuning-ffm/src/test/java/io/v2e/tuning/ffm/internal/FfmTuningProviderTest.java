package io.v2e.tuning.ffm.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.TuningProviderContract;

/** The FFM provider under the shared contract, every effect read back from the kernel. */
class FfmTuningProviderTest extends TuningProviderContract {

    /** One activation for the class: probing and the cost measurement run once, like in OSGi. */
    private static final FfmTuningProvider PROVIDER = activated();

    private static FfmTuningProvider activated() {
        FfmTuningProvider provider = new FfmTuningProvider();
        return provider;
    }

    @Override
    protected TuningProvider provider() {
        return PROVIDER;
    }
}
