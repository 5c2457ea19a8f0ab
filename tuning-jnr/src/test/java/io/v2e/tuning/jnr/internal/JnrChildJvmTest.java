package io.v2e.tuning.jnr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.testkit.ChildJvm;
import io.v2e.tuning.testkit.ChildJvmContract;

/** The jnr provider without CAP_SYS_NICE / CAP_SYS_ADMIN, under taskset, and without --add-opens. */
class JnrChildJvmTest extends ChildJvmContract {

    @Override
    protected Class<?> reportMain() {
        return JnrReportMain.class;
    }

    @Test
    void withoutAddOpensPageCacheAdviceIsUnsupportedAndNamesTheFlags() {
        Map<String, String> r = ChildJvm.run(List.of(), List.of(), JnrReportMain.class);
        assertEquals("false", r.get("capability.PAGE_CACHE_ADVICE.supported"), r::toString);
        assertTrue(r.get("capability.PAGE_CACHE_ADVICE.detail").contains(
                "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED"), r::toString);
        assertEquals("UNSUPPORTED", r.get("fadviseDontneed.status"), r::toString);
        assertTrue(r.get("fadviseDontneed.detail").contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED"), r::toString);
        // Everything else is unaffected.
        assertEquals("APPLIED", r.get("pin.status"), r::toString);
        assertEquals("APPLIED", r.get("madviseWillneed.status"), r::toString);
    }
}
