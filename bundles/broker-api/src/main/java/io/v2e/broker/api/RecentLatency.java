package io.v2e.broker.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Latency percentiles (ns) of the messages handled over a recent window, not since start: what an
 * operator or a quota decision should look at now. The window slides in steps of
 * {@value #STEP_MILLIS} ms and covers the last one to two steps.
 *
 * @param windowMillis   how many milliseconds the percentiles cover (at most 2 x {@value #STEP_MILLIS})
 * @param queueLatency   accepted to handler start, over every endpoint
 * @param handlerLatency time inside the handler, over every endpoint
 * @param endpoints      per endpoint name with values in the window, sorted by name
 */
public record RecentLatency(@JsonProperty("window_ms") long windowMillis,
        @JsonProperty("queue_latency_ns") Latency queueLatency,
        @JsonProperty("handler_latency_ns") Latency handlerLatency, List<Endpoint> endpoints) {

    /** The step the window slides by. */
    public static final long STEP_MILLIS = 5_000;

    public RecentLatency {
        endpoints = List.copyOf(endpoints);
    }

    /** One endpoint's latencies over the window. */
    public record Endpoint(String name, @JsonProperty("queue_latency_ns") Latency queueLatency,
            @JsonProperty("handler_latency_ns") Latency handlerLatency) {
    }
}
