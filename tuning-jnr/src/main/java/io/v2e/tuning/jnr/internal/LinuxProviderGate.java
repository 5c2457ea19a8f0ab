package io.v2e.tuning.jnr.internal;

import java.lang.System.Logger.Level;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.linux.internal.Syscalls;

/**
 * Enables the (disabled by default) {@link JnrTuningProvider} component on Linux (x86_64,
 * aarch64) only; elsewhere the bundle starts, registers nothing and logs one line. The provider
 * never loads jnr-ffi or libc on other systems because its component is never activated there.
 */
@Component(service = {}, immediate = true)
public final class LinuxProviderGate {

    @Activate
    void activate(ComponentContext context) {
        Syscalls.whyNotUsableHere().ifPresentOrElse(
                why -> System.getLogger(LinuxProviderGate.class.getName()).log(Level.INFO,
                        "jnr tuning provider not registered: " + why),
                () -> context.enableComponent(JnrTuningProvider.COMPONENT_NAME));
    }
}
