package io.v2e.tuning.ffm.internal;

import java.util.List;

import io.v2e.tuning.testkit.ChildJvmContract;
import io.v2e.tuning.testkit.ProviderReport;

/** The FFM provider without CAP_SYS_NICE / CAP_SYS_ADMIN, under taskset, and without --add-opens. */
class FfmChildJvmTest extends ChildJvmContract {

    @Override
    protected Class<?> reportMain() {
        return ReportMain.class;
    }

    @Override
    protected List<String> extraJvmArgs() {
        return List.of("--enable-native-access=ALL-UNNAMED");
    }

    /** Runs in the child JVM: activates the provider outside OSGi and reports. */
    static final class ReportMain {
        public static void main(String[] args) {
            FfmTuningProvider provider = new FfmTuningProvider();
            ProviderReport.print(provider, System.out);
        }
    }
}
