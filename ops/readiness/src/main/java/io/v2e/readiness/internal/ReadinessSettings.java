package io.v2e.readiness.internal;

import java.util.Arrays;
import java.util.List;

/** The validated, immutable form of {@link ReadinessConfig}. */
record ReadinessSettings(List<String> components, List<String> endpoints, int intervalMs) {

    static final String TRANSPORT_COMPONENT = "io.v2e.transport.internal.TransportComponent";
    static final String SELECTION_COMPONENT = "io.v2e.tuning.select.internal.TuningSelector";
    /** ReadinessConfig's defaults, for a first configuration that is rejected. */
    static final ReadinessSettings DEFAULTS = new ReadinessSettings(List.of(TRANSPORT_COMPONENT, SELECTION_COMPONENT),
            List.of(), 50);

    /** @throws IllegalArgumentException for a value out of range */
    static ReadinessSettings of(ReadinessConfig config) {
        if (config.check__interval__ms() < 1 || config.check__interval__ms() > 10_000) {
            throw new IllegalArgumentException("check_interval_ms = " + config.check__interval__ms() + ": accepted 1..10000");
        }
        return new ReadinessSettings(names(config.required__components()), names(config.required__endpoints()),
                config.check__interval__ms());
    }

    /** Names from the attribute; an etc/ .cfg value is one string, so commas separate names too. */
    private static List<String> names(String[] raw) {
        return Arrays.stream(raw).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }
}
