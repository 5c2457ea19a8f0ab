package io.v2e.tuning.ffm.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.ActivationContract;

/** Activation binds libc and probes capabilities without touching the thread that activates. */
class FfmActivationTest extends ActivationContract {

    @Override
    protected TuningProvider newActivatedProvider() {
        FfmTuningProvider provider = new FfmTuningProvider();
        return provider;
    }
}
