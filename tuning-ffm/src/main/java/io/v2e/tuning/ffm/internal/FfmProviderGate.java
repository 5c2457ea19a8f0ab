package io.v2e.tuning.ffm.internal;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.v2e.tuning.linux.internal.Syscalls;

/**
 * Enables {@link FfmTuningProvider} on Linux (x86_64, aarch64) only; anywhere else the bundle
 * stays started, registers nothing and says why in one log line. Registers no service itself.
 */
@Component(service = {}, immediate = true)
public final class FfmProviderGate {

    @Activate
    void activate(ComponentContext context) {
        Syscalls.whyNotUsableHere().ifPresentOrElse(
                why -> System.getLogger(FfmProviderGate.class.getName()).log(System.Logger.Level.INFO,
                        "tuning provider " + FfmTuningProvider.NAME + " not registered: " + why),
                () -> context.enableComponent(FfmTuningProvider.class.getName()));
    }
}
