package io.v2e.tuning.ffm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.testkit.ChildJvm;
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

    @Test
    void withoutAddOpensPageCacheAdviceIsUnsupportedAndNamesTheFlags() {
        Map<String, String> r = ChildJvm.run(List.of(), List.of("--enable-native-access=ALL-UNNAMED"),
                ReportMain.class);
        assertEquals("false", r.get("capability.PAGE_CACHE_ADVICE.supported"), r::toString);
        assertEquals("UNSUPPORTED", r.get("fadviseDontneed.status"), r::toString);
        assertTrue(r.get("fadviseDontneed.detail").contains(
                "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED"), r::toString);
        // Everything that needs no file descriptor still works.
        assertEquals("APPLIED", r.get("pin.status"), r::toString);
        assertEquals("APPLIED", r.get("madviseWillneed.status"), r::toString);
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
