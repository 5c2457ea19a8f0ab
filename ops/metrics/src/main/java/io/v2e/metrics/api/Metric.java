package io.v2e.metrics.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One number of a {@link MetricsSource}.
 *
 * @param name  lower-case letters, digits and {@code _}, starting with a letter; a counter's ends in
 *              {@code _total} (Prometheus' convention), and base units are in the name ({@code _bytes_total},
 *              {@code _seconds_total})
 * @param kind  counter (only grows while the source lives) or gauge
 * @param help  one sentence for a person (Prometheus' {@code # HELP}, the MBean attribute's description)
 * @param value the value now
 */
public record Metric(String name, Kind kind, String help, double value) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** How the value behaves. */
    public enum Kind {
        COUNTER, GAUGE
    }

    public Metric {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(help, "help");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name must match [a-z][a-z0-9_]*, was " + name);
        }
        if (kind == Kind.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total, was " + name);
        }
    }

    /** A counter. */
    public static Metric counter(String name, String help, double value) {
        return new Metric(name, Kind.COUNTER, help, value);
    }

    /** A gauge. */
    public static Metric gauge(String name, String help, double value) {
        return new Metric(name, Kind.GAUGE, help, value);
    }
}
