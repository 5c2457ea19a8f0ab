package io.v2e.tuning.ffm.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.linux.internal.LinuxTuningProvider;
import io.v2e.tuning.linux.internal.Syscalls;

/**
 * The Linux TuningProvider over java.lang.foreign (JDK 22+; the JVM needs
 * {@code --enable-native-access=ALL-UNNAMED} to call it without warnings). Disabled until
 * {@link FfmProviderGate} has checked that this JVM runs on Linux (x86_64 or aarch64), so
 * elsewhere nothing is registered. Threading: see {@link LinuxTuningProvider}.
 */
@Component(service = TuningProvider.class, enabled = false,
        property = {TuningProvider.PROVIDER_NAME_PROPERTY + "=" + FfmTuningProvider.NAME,
                "service.ranking:Integer=" + FfmTuningProvider.RANKING})
public final class FfmTuningProvider extends LinuxTuningProvider {

    public static final String NAME = "ffm";
    /** Below jnr (300), above jna (200) and noop (-1000). */
    public static final int RANKING = 250;

    /**
     * Binds libc (once per JVM) and probes what this process may do; DS activates the component
     * through it, and ServiceLoader (META-INF/services) outside OSGi.
     */
    @Activate
    public FfmTuningProvider() {
        Syscalls numbers = Syscalls.forThisMachine().orElseThrow(() -> new IllegalStateException(
                "the ffm provider needs Linux on x86_64 or aarch64: " + Syscalls.whyNotUsableHere().orElse("")));
        try {
            start(NAME, new FfmLibc(numbers));
        } catch (LinkageError | IllegalCallerException e) {
            // A libc symbol is missing, or native access is denied (--illegal-native-access=deny
            // without --enable-native-access).
            throw new IllegalStateException("the ffm provider cannot bind libc: " + e, e);
        }
    }
}
