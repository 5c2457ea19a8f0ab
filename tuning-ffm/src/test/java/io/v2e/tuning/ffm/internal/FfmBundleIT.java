package io.v2e.tuning.ffm.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.osgi.framework.Bundle;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.ProviderBundleContract;

/** The packaged tuning-ffm bundle (JDK 22+) in Felix with SCR. */
class FfmBundleIT extends ProviderBundleContract {

    @Override
    protected String providerName() {
        return "ffm";
    }

    @Override
    protected String bundleSymbolicName() {
        return "io.v2e.tuning.ffm";
    }

    @Override
    protected int ranking() {
        return FfmTuningProvider.RANKING;
    }

    @Override
    protected Class<? extends TuningProvider> providerClass() {
        return FfmTuningProvider.class;
    }

    @Override
    protected Class<?> gateClass() {
        return FfmProviderGate.class;
    }

    /** The bundle asks for Java 22+ (osgi.ee and java.lang.foreign), which this JVM is. */
    @Override
    protected void checkBundle(Bundle bundle) {
        String ee = bundle.getHeaders().get("Require-Capability");
        assertTrue(ee.contains("(osgi.ee=JavaSE)(version=22)"), ee);
    }
}
