package io.v2e.tuning.jna.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.testkit.BuildDirTempDirFactory;
import io.v2e.tuning.testkit.EmbeddedFelix;
import io.v2e.tuning.testkit.FreshThread;
import io.v2e.tuning.testkit.KernelReader;

/** The packaged tuning-jna bundle in Felix with SCR: it resolves, registers, and really pins. */
class JnaBundleIT {

    @TempDir(factory = BuildDirTempDirFactory.class)
    Path storage;

    @Test
    void bundleRegistersTheJnaProviderWhichPinsTheCallingThread() throws Throwable {
        try (EmbeddedFelix felix = EmbeddedFelix.start(storage.resolve("felix-cache"))) {
            assertEquals(List.of(), felix.installAndStart(System.getProperty("v2e.it.bundles")));
            ServiceReference<TuningProvider> ref =
                    felix.awaitService(TuningProvider.class, "(tuning.provider=jna)", 20_000);
            assertNotNull(ref, "no jna TuningProvider registered");
            assertEquals(JnaTuningProvider.RANKING, ref.getProperty("service.ranking"));
            TuningProvider provider = felix.service(ref);
            // The implementation comes from the bundle (JNA from the jna bundle), not this class path.
            assertNotSame(JnaTuningProvider.class, provider.getClass());
            assertTrue(provider.capabilities().supported(Operation.PAGE_CACHE_ADVICE),
                    provider.capabilities().of(Operation.PAGE_CACHE_ADVICE)::toString);
            assertEquals(KernelReader.processAllowedCpus(), provider.allowedCpus());

            CpuSet allowed = KernelReader.processAllowedCpus();
            CpuSet target = CpuSet.of(allowed.last());
            FreshThread.run(() -> {
                assertEquals(Outcome.applied(), provider.pinThread(target));
                assertEquals(target, KernelReader.threadAllowedCpus());
                assertEquals(Outcome.applied(), provider.restoreThread());
                assertEquals(allowed, KernelReader.threadAllowedCpus());
            });
        }
    }
}
