package io.v2e.tuning.jna.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.ProviderBundleContract;

/** The packaged tuning-jna bundle (with the JNA bundle) in Felix with SCR. */
class JnaBundleIT extends ProviderBundleContract {

    @Override
    protected String providerName() {
        return "jna";
    }

    @Override
    protected String bundleSymbolicName() {
        return "io.v2e.tuning.jna";
    }

    @Override
    protected int ranking() {
        return JnaTuningProvider.RANKING;
    }

    @Override
    protected Class<? extends TuningProvider> providerClass() {
        return JnaTuningProvider.class;
    }

    @Override
    protected Class<?> gateClass() {
        return JnaProviderGate.class;
    }
}
