package io.v2e.tuning.jna.internal;

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

    @Test
    void onAnotherOsTheBundleStartsRegistersNothingAndLogsOneLine() throws Throwable {
        // System.Logger goes to java.util.logging here; the gate's logger is named after its class.
        Logger gateLog = Logger.getLogger(JnaProviderGate.class.getName());
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
            assertEquals(org.osgi.framework.Bundle.ACTIVE, felix.bundle("io.v2e.tuning.jna").getState());
            assertTrue(logged.await(20, TimeUnit.SECONDS), "the gate logged nothing");
            // The gate has decided (it logs instead of enabling), so the provider stays disabled.
            assertNull(felix.awaitService(TuningProvider.class, "(tuning.provider=jna)", 0));
            assertEquals(List.of("tuning provider jna not registered: not Linux (os.name=Mac OS X)"), lines);
        } finally {
            System.setProperty("os.name", os);
            gateLog.removeHandler(capture);
        }
    }
}
