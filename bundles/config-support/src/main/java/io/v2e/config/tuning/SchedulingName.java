package io.v2e.config.tuning;

import java.util.Locale;

import io.v2e.tuning.api.SchedulingPolicy;

/** The words of a scheduling-policy setting ({@code worker_scheduling}, {@code io_scheduling}), as {@link IoClassName}. */
public enum SchedulingName {
    other, batch, idle, fifo, rr;

    public SchedulingPolicy toApi() {
        return SchedulingPolicy.valueOf(name().toUpperCase(Locale.ROOT));
    }
}
