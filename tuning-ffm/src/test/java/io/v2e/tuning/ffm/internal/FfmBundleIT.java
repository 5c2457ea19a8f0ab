package io.v2e.tuning.ffm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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

/** The packaged tuning-ffm bundle (JDK 22+) in Felix with SCR: it resolves, registers, and really pins. */
class FfmBundleIT {

    @TempDir(factory = BuildDirTempDirFactory.class)
    Path storage;

    @Test
    void bundleRegistersTheFfmProviderWhichPinsTheCallingThread() throws Throwable {
        try (EmbeddedFelix felix = EmbeddedFelix.start(storage.resolve("felix-cache"))) {
            assertEquals(List.of(), felix.installAndStart(System.getProperty("v2e.it.bundles")));
            ServiceReference<TuningProvider> ref =
                    felix.awaitService(TuningProvider.class, "(tuning.provider=ffm)", 20_000);
            assertNotNull(ref, "no ffm TuningProvider registered");
            assertEquals(FfmTuningProvider.RANKING, ref.getProperty("service.ranking"));
            TuningProvider provider = felix.service(ref);
            // The implementation comes from the bundle, not this class path.
            assertNotSame(FfmTuningProvider.class, provider.getClass());
            assertTrue(provider.capabilities().supported(Operation.PAGE_CACHE_ADVICE),
                    provider.capabilities().of(Operation.PAGE_CACHE_ADVICE)::toString);
            assertEquals(KernelReader.processAllowedCpus(), provider.allowedCpus());
            // The bundle asks for Java 22+ (osgi.ee and java.lang.foreign), which this JVM is.
            String ee = felix.bundle("io.v2e.tuning.ffm").getHeaders().get("Require-Capability");
            assertTrue(ee.contains("(osgi.ee=JavaSE)(version=22)"), ee);

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

    @Test
    void onAnotherOsTheBundleStartsRegistersNothingAndLogsOneLine() throws Throwable {
        // System.Logger goes to java.util.logging here; the gate's logger is named after its class.
        Logger gateLog = Logger.getLogger(FfmProviderGate.class.getName());
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch logged = new CountDownLatch(1);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
                logged.countDown();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        gateLog.addHandler(capture);
        // A real other OS (JNA's bundle declares natives for macOS, so it still resolves there).
        String os = System.getProperty("os.name");
        System.setProperty("os.name", "Mac OS X");
        try (EmbeddedFelix felix = EmbeddedFelix.start(storage.resolve("felix-cache-macos"))) {
            assertEquals(List.of(), felix.installAndStart(System.getProperty("v2e.it.bundles")));
            assertEquals(org.osgi.framework.Bundle.ACTIVE, felix.bundle("io.v2e.tuning.ffm").getState());
            assertTrue(logged.await(20, TimeUnit.SECONDS), "the gate logged nothing");
            // The gate has decided (it logs instead of enabling), so the provider stays disabled.
            assertNull(felix.awaitService(TuningProvider.class, "(tuning.provider=ffm)", 0));
            assertEquals(List.of("tuning provider ffm not registered: not Linux (os.name=Mac OS X)"), lines);
        } finally {
            System.setProperty("os.name", os);
            gateLog.removeHandler(capture);
        }
    }
}
