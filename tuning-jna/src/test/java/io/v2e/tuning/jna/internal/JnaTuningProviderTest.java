package io.v2e.tuning.jna.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.TuningProviderContract;

/** The JNA provider under the shared contract, every effect read back from the kernel. */
class JnaTuningProviderTest extends TuningProviderContract {

    /** One activation for the class: probing and the cost measurement run once, like in OSGi. */
    private static final JnaTuningProvider PROVIDER = activated();

    private static JnaTuningProvider activated() {
        JnaTuningProvider provider = new JnaTuningProvider();
        return provider;
    }

    @Override
    protected TuningProvider provider() {
        return PROVIDER;
    }
}
