package io.v2e.config.tuning;

import java.util.Locale;

import io.v2e.tuning.api.IoPriority;

/**
 * The words of an {@code io_class} setting (broker workers, transport I/O loops, NATS bridge threads). DS
 * converts with the case-sensitive {@code Enum.valueOf}, so the constants are the configuration's words.
 */
public enum IoClassName {
    realtime, best_effort, idle, none;

    public IoPriority.IoClass toApi() {
        return IoPriority.IoClass.valueOf(name().toUpperCase(Locale.ROOT));
    }
}
