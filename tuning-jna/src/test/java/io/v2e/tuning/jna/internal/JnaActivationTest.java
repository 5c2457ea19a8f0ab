package io.v2e.tuning.jna.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.ActivationContract;

/** Activation binds libc and probes capabilities without touching the thread that activates. */
class JnaActivationTest extends ActivationContract {

    @Override
    protected TuningProvider newActivatedProvider() {
        JnaTuningProvider provider = new JnaTuningProvider();
        return provider;
    }
}
