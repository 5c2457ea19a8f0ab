package io.v2e.console.internal;

/**
 * The page's settings, checked: a value out of range is refused with the reason, and the component
 * keeps running on its defaults (see {@link ConsolePlugin}). Immutable.
 */
record ConsoleSettings(int refreshMillis, int plotPoints, int transportTimeoutMillis) {

    static final int MIN_REFRESH_MS = 200;
    static final int MAX_REFRESH_MS = 60_000;
    static final int MIN_PLOT_POINTS = 2;
    static final int MAX_PLOT_POINTS = 3_600;
    static final int MIN_TIMEOUT_MS = 50;
    static final int MAX_TIMEOUT_MS = 30_000;

    static final ConsoleSettings DEFAULTS = new ConsoleSettings(1000, 120, 1000);

    ConsoleSettings {
        check("refresh_ms", refreshMillis, MIN_REFRESH_MS, MAX_REFRESH_MS);
        check("plot_points", plotPoints, MIN_PLOT_POINTS, MAX_PLOT_POINTS);
        check("transport_timeout_ms", transportTimeoutMillis, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
    }

    static ConsoleSettings of(ConsoleConfig c) {
        return new ConsoleSettings(c.refresh__ms(), c.plot__points(), c.transport__timeout__ms());
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " = " + value + " is outside " + min + ".." + max);
        }
    }
}
