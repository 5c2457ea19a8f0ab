package io.v2e.tuning.jnr.internal;

import io.v2e.tuning.testkit.ChildJvmContract;

/** The jnr provider without CAP_SYS_NICE / CAP_SYS_ADMIN, under taskset, and without --add-opens. */
class JnrChildJvmTest extends ChildJvmContract {

    @Override
    protected Class<?> reportMain() {
        return JnrReportMain.class;
    }
}
