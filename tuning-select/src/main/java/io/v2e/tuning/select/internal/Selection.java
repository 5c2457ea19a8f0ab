package io.v2e.tuning.select.internal;

import java.util.List;
import java.util.Locale;

/**
 * What the operator asked for in {@code etc/io.v2e.tuning.cfg}: {@code auto} (the highest
 * ranking provider) or one provider by name.
 */
record Selection(String value) {

    static final String AUTO = "auto";
    /** The values {@code provider} accepts, in the order the error message lists them. */
    static final List<String> VALUES = List.of(AUTO, "jnr", "jna", "ffm", "noop");

    static final Selection DEFAULT = new Selection(AUTO);

    /**
     * Parses the configured value (trimmed, case-insensitive; empty = auto).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    static Selection parse(String raw) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return DEFAULT;
        }
        if (!VALUES.contains(v)) {
            throw new IllegalArgumentException("provider must be one of " + String.join(" | ", VALUES)
                    + ", was '" + raw + "'");
        }
        return new Selection(v);
    }

    boolean isAuto() {
        return AUTO.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
