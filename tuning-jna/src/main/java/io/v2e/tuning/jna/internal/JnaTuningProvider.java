package io.v2e.tuning.jna.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.linux.internal.LinuxTuningProvider;
import io.v2e.tuning.linux.internal.Syscalls;

/**
 * The Linux TuningProvider over JNA. Disabled until {@link JnaProviderGate} has checked that this
 * JVM runs on Linux (x86_64 or aarch64), so elsewhere nothing is registered. Threading: see
 * {@link LinuxTuningProvider}.
 */
@Component(service = TuningProvider.class, enabled = false,
        property = {TuningProvider.PROVIDER_NAME_PROPERTY + "=" + JnaTuningProvider.NAME,
                "service.ranking:Integer=" + JnaTuningProvider.RANKING})
public final class JnaTuningProvider extends LinuxTuningProvider {

    public static final String NAME = "jna";
    /** Below jnr (300) and ffm (250), above noop (-1000). */
    public static final int RANKING = 200;

    /**
     * Binds libc (once per JVM) and probes what this process may do; DS activates the component
     * through it, and ServiceLoader (META-INF/services) outside OSGi.
     */
    @Activate
    public JnaTuningProvider() {
        Syscalls numbers = Syscalls.forThisMachine().orElseThrow(() -> new IllegalStateException(
                "the jna provider needs Linux on x86_64 or aarch64: " + Syscalls.whyNotUsableHere().orElse("")));
        try {
            start(NAME, new JnaLibc(numbers));
        } catch (LinkageError e) {
            // JNA could not load its native dispatcher or libc (e.g. a noexec temp directory).
            throw new IllegalStateException("the jna provider cannot bind libc: " + e, e);
        }
    }
}
