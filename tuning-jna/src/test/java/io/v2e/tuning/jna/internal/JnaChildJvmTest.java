package io.v2e.tuning.jna.internal;

import io.v2e.tuning.testkit.ChildJvmContract;
import io.v2e.tuning.testkit.ProviderReport;

/** The JNA provider without CAP_SYS_NICE / CAP_SYS_ADMIN, under taskset, and without --add-opens. */
class JnaChildJvmTest extends ChildJvmContract {

    @Override
    protected Class<?> reportMain() {
        return ReportMain.class;
    }

    /** Runs in the child JVM: activates the provider outside OSGi and reports. */
    static final class ReportMain {
        public static void main(String[] args) {
            JnaTuningProvider provider = new JnaTuningProvider();
            ProviderReport.print(provider, System.out);
        }
    }
}
