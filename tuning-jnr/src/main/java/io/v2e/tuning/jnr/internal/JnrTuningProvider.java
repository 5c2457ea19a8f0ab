package io.v2e.tuning.jnr.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.api.TuningProvider;
import io.v2e.tuning.linux.internal.LinuxTuningProvider;
import io.v2e.tuning.linux.internal.Syscalls;

/**
 * The Linux TuningProvider over jnr-ffi: the shared Linux logic ({@link LinuxTuningProvider})
 * over {@link JnrLibc}. Threading: see {@link LinuxTuningProvider}.
 * <p>
 * Disabled by default: {@link LinuxProviderGate} enables it on Linux (x86_64, aarch64) only.
 * Outside OSGi, {@code new JnrTuningProvider()} binds libc and probes the capabilities just the same.
 */
@Component(name = JnrTuningProvider.COMPONENT_NAME, service = TuningProvider.class, enabled = false,
        property = {TuningProvider.PROVIDER_NAME_PROPERTY + "=" + JnrTuningProvider.NAME,
                "service.ranking:Integer=" + JnrTuningProvider.RANKING})
public final class JnrTuningProvider extends LinuxTuningProvider {

    public static final String NAME = "jnr";
    /** The default on Linux: above ffm (250), jna (200) and noop (-1000). */
    public static final int RANKING = 300;
    static final String COMPONENT_NAME = "io.v2e.tuning.jnr";

    /** Binds libc (once per JVM) and probes what this process may do. */
    @Activate
    public JnrTuningProvider() {
        Syscalls numbers = Syscalls.forThisMachine().orElseThrow(() -> new IllegalStateException(
                "the jnr provider needs Linux on x86_64 or aarch64: " + Syscalls.whyNotUsableHere().orElse("")));
        try {
            start(NAME, new JnrLibc(numbers));
        } catch (LinkageError e) {
            // jffi could not load its native stub (e.g. a noexec java.io.tmpdir; see jffi.extract.dir).
            throw new IllegalStateException("the jnr provider cannot bind libc: " + e, e);
        }
    }
}
