package io.v2e.tuning.ffm.internal;

import java.util.ArrayList;
import java.util.List;

import io.v2e.tuning.testkit.ChildJvmContract;
import io.v2e.tuning.testkit.ProviderReport;

/** The FFM provider in a child JVM without CAP_SYS_NICE (and without CAP_SYS_ADMIN), and under taskset. */
class FfmChildJvmTest extends ChildJvmContract {

    @Override
    protected Class<?> reportMain() {
        return ReportMain.class;
    }

    @Override
    protected List<String> childJvmArgs() {
        List<String> args = new ArrayList<>(ADD_OPENS);
        args.add("--enable-native-access=ALL-UNNAMED");
        return args;
    }

    /** Runs in the child JVM: activates the provider outside OSGi and reports. */
    static final class ReportMain {
        public static void main(String[] args) {
            FfmTuningProvider provider = new FfmTuningProvider();
            provider.activate();
            ProviderReport.print(provider, System.out);
        }
    }
}
