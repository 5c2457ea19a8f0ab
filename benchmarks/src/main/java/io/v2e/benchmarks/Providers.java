package io.v2e.benchmarks;

import java.util.List;
import java.util.ServiceLoader;

import io.v2e.tuning.api.TuningProvider;

/**
 * Creates the real tuning providers outside OSGi through {@link ServiceLoader}: each provider jar
 * lists its provider in {@code META-INF/services/io.v2e.tuning.api.TuningProvider}, and its public
 * constructor does what the DS activation does (binds libc, probes capabilities). Only the asked
 * provider is created: the memory probes measure the process, which must not hold the others'
 * native libraries. The ffm provider exists only when the build ran on JDK 22+.
 */
final class Providers {

    private Providers() {
    }

    /** The provider names on this class path (from each provider class's {@code NAME}, without creating it). */
    static List<String> available() {
        return ServiceLoader.load(TuningProvider.class).stream().map(Providers::nameOf).toList();
    }

    /** @throws IllegalArgumentException when no provider of that name is on the class path */
    static TuningProvider create(String name) {
        return ServiceLoader.load(TuningProvider.class).stream().filter(p -> nameOf(p).equals(name)).findFirst()
                .map(ServiceLoader.Provider::get)
                .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + name + "', on this class path: "
                        + String.join(", ", available())));
    }

    /** Every provider class declares its service property value as {@code public static final String NAME}. */
    private static String nameOf(ServiceLoader.Provider<TuningProvider> p) {
        try {
            return (String) p.type().getField("NAME").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(p.type().getName() + " declares no public NAME", e);
        }
    }
}
