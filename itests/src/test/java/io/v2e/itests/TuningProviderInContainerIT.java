package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;

/**
 * The TuningProvider the container resolves, how that follows the provider bundles' lifecycle,
 * and that a call inside the container changes the kernel's view of the calling thread.
 * Test methods run inside Felix (Pax Exam native container).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TuningProviderInContainerIT {

    private static final String JNR_BUNDLE = "io.v2e.tuning.jnr";
    private static final long WAIT_MS = 5_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    @Test
    public void onLinuxTheResolvedProviderIsJnr() throws Exception {
        assumeTrue("the jnr provider is Linux only", isLinux());
        assertEquals("jnr", awaitResolvedProvider("jnr"));
    }

    @Test
    public void stoppingProvidersWalksDownTheRankingAndStartingThemBringsJnrBack() throws Exception {
        assumeTrue("the jnr and jna providers are Linux only", isLinux());
        // jnr 300, ffm 250 (only in a distribution built on JDK 22+), jna 200, noop -1000
        List<Bundle> stopped = new ArrayList<>();
        assertEquals("jnr", awaitResolvedProvider("jnr"));
        try {
            for (String[] step : new String[][] {{"jnr", "ffm"}, {"ffm", "jna"}, {"jna", "noop"}}) {
                Optional<Bundle> b = optionalBundle("io.v2e.tuning." + step[0]);
                if (b.isEmpty()) {
                    continue; // ffm is not part of a distribution built on JDK 17
                }
                b.get().stop();
                stopped.add(0, b.get());
                assertEquals("the stopped bundle registers nothing", 0, providersNamed(step[0]));
                String next = step[1].equals("ffm") && optionalBundle("io.v2e.tuning.ffm").isEmpty() ? "jna" : step[1];
                assertEquals(next, awaitResolvedProvider(next));
            }
        } finally {
            for (Bundle b : stopped) {
                b.start();
            }
        }
        assertEquals("jnr", awaitResolvedProvider("jnr"));
    }

    @Test
    public void aProviderCallInsideTheContainerPinsTheCallingThread() throws Exception {
        assumeTrue("needs Linux /proc/thread-self", Files.isDirectory(Path.of("/proc/thread-self")));
        awaitResolvedProvider("jnr");
        ServiceReference<TuningProvider> ref = context.getServiceReference(TuningProvider.class);
        TuningProvider provider = context.getService(ref);
        try {
            CpuSet before = threadCpusFromProc();
            CpuSet allowed = provider.allowedCpus();
            assertTrue("allowed " + allowed + " covers this thread's " + before, allowed.containsAll(before));
            int target = allowed.last();
            Outcome pinned = provider.pinThread(CpuSet.of(target));
            try {
                assertEquals(Outcome.applied(), pinned);
                assertEquals(CpuSet.of(target), threadCpusFromProc());
                assertEquals(CpuSet.of(target), provider.threadAffinity().get());
            } finally {
                assertEquals(Outcome.applied(), provider.restoreThread());
            }
            assertEquals("restore puts the thread back", before, threadCpusFromProc());
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    public void tuningInfoCommandServiceReportsTheResolvedProviderAsJson() throws Exception {
        assumeTrue("the jnr provider is Linux only", isLinux());
        String expected = awaitResolvedProvider("jnr");
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(&(osgi.command.scope=tuning)(osgi.command.function=info))");
        assertNotNull("tuning:info is registered", refs);
        Object command = context.getService(refs[0]);
        try {
            Method info = command.getClass().getMethod("info", boolean.class);
            String json = (String) info.invoke(command, true);
            assertTrue(json, json.contains("\"provider\" : \"" + expected + "\""));
            assertTrue(json, json.contains("\"allowedCpus\" : \"" + processCpusFromProc() + "\""));
        } finally {
            context.ungetService(refs[0]);
        }
    }

    private String awaitResolvedProvider(String expected) {
        return await("the highest-ranked provider is " + expected).atMost(Duration.ofMillis(WAIT_MS))
                .until(this::resolvedProvider, expected::equals);
    }

    /** The name of the provider a plain service lookup gets now; null without one. */
    private String resolvedProvider() {
        ServiceReference<TuningProvider> ref = context.getServiceReference(TuningProvider.class);
        return ref == null ? null : (String) ref.getProperty(TuningProvider.PROVIDER_NAME_PROPERTY);
    }

    private int providersNamed(String name) throws Exception {
        var refs = context.getServiceReferences(TuningProvider.class,
                "(" + TuningProvider.PROVIDER_NAME_PROPERTY + "=" + name + ")");
        return refs.size();
    }

    private Optional<Bundle> optionalBundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("bundle " + symbolicName + " is not installed"));
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux");
    }

    private static CpuSet threadCpusFromProc() throws Exception {
        return cpusAllowed(Path.of("/proc/thread-self/status"));
    }

    private static CpuSet processCpusFromProc() throws Exception {
        return cpusAllowed(Path.of("/proc/self/status"));
    }

    private static CpuSet cpusAllowed(Path status) throws Exception {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return CpuSet.parse(line.substring("Cpus_allowed_list:".length()).trim());
            }
        }
        throw new AssertionError("no Cpus_allowed_list in " + status);
    }
}
