package io.v2e.tuning.jnr.internal;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.ActivationContract;

/** Activation binds libc and probes capabilities without touching the thread that activates. */
class JnrActivationTest extends ActivationContract {

    @Override
    protected TuningProvider newActivatedProvider() {
        return new JnrTuningProvider();
    }
}
