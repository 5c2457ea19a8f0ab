package io.v2e.tuning.testkit;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * The packaged provider bundle in an embedded Felix with SCR: it resolves, registers its provider
 * with its ranking, and really pins; on another OS it starts, registers nothing and logs one line.
 * A provider module's failsafe test extends it; the bundles to install come from the system
 * property {@code v2e.it.bundles} (path-separated jars, the provider's own last).
 */
public abstract class ProviderBundleContract {

    @TempDir(factory = BuildDirTempDirFactory.class)
    Path storage;

    /** The provider's name, e.g. {@code jna}. */
    protected abstract String providerName();

    /** The provider bundle's symbolic name. */
    protected abstract String bundleSymbolicName();

    /** The service.ranking the provider registers with. */
    protected abstract int ranking();

    /** The provider class on this test's class path (the bundle must bring its own copy). */
    protected abstract Class<? extends TuningProvider> providerClass();

    /** The class whose System.Logger reports "not registered" off Linux. */
    protected abstract Class<?> gateClass();

    /** Further checks of the installed bundle, for a provider with special needs. */
    protected void checkBundle(Bundle bundle) {
    }

    private String filter() {
        return "(" + TuningProvider.PROVIDER_NAME_PROPERTY + "=" + providerName() + ")";
    }

    @Test
    void bundleRegistersTheProviderWhichPinsTheCallingThread() throws Throwable {
        try (EmbeddedFelix felix = EmbeddedFelix.start(storage.resolve("felix-cache"))) {
            assertEquals(List.of(), felix.installAndStart(System.getProperty("v2e.it.bundles")));
            ServiceReference<TuningProvider> ref = felix.awaitService(TuningProvider.class, filter(), 20_000);
            assertNotNull(ref, "no " + providerName() + " TuningProvider registered");
            assertEquals(ranking(), ref.getProperty("service.ranking"));
            TuningProvider provider = felix.service(ref);
            // The implementation comes from the bundle, not this class path.
            assertNotSame(providerClass(), provider.getClass());
            assertTrue(provider.capabilities().supported(Operation.PAGE_CACHE_ADVICE),
                    provider.capabilities().of(Operation.PAGE_CACHE_ADVICE)::toString);
            assertEquals(KernelReader.processAllowedCpus(), provider.allowedCpus());
            checkBundle(felix.bundle(bundleSymbolicName()));

            CpuSet allowed = KernelReader.processAllowedCpus();
            CpuSet target = CpuSet.of(allowed.last());
            FreshThread.run(() -> {
                int tid = KernelReader.currentTid();
                assertEquals(Outcome.applied(), provider.pinThread(target));
                assertEquals(target, KernelReader.threadAllowedCpus());
                // BATCH needs no privilege: the bundle's sched_setscheduler binding works inside Felix.
                assertEquals(Outcome.applied(),
                        provider.setThreadScheduling(new ThreadScheduling(SchedulingPolicy.BATCH, 0)));
                assertEquals(SchedulingPolicy.BATCH.linuxValue(), KernelReader.threadSchedPolicy(tid));
                assertEquals(Outcome.applied(), provider.restoreThread());
                assertEquals(allowed, KernelReader.threadAllowedCpus());
                assertEquals(SchedulingPolicy.OTHER.linuxValue(), KernelReader.threadSchedPolicy(tid));
            });
        }
    }

    @Test
    void onAnotherOsTheBundleStartsRegistersNothingAndLogsOneLine() throws Throwable {
        // System.Logger goes to java.util.logging here; the gate's logger is named after its class.
        Logger gateLog = Logger.getLogger(gateClass().getName());
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
        // A real other OS, whose natives the provider's dependencies declare, so it still resolves.
        String os = System.getProperty("os.name");
        System.setProperty("os.name", "Mac OS X");
        try (EmbeddedFelix felix = EmbeddedFelix.start(storage.resolve("felix-cache-macos"))) {
            assertEquals(List.of(), felix.installAndStart(System.getProperty("v2e.it.bundles")));
            assertEquals(Bundle.ACTIVE, felix.bundle(bundleSymbolicName()).getState());
            assertTrue(logged.await(20, TimeUnit.SECONDS), "the gate logged nothing");
            // The gate has decided (it logs instead of enabling), so the provider stays disabled.
            assertNull(felix.awaitService(TuningProvider.class, filter(), 0));
            assertEquals(List.of("tuning provider " + providerName() + " not registered: not Linux (os.name=Mac OS X)"),
                    lines);
        } finally {
            System.setProperty("os.name", os);
            gateLog.removeHandler(capture);
        }
    }
}
