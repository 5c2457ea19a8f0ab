package io.v2e.broker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Counters of one endpoint name since the broker started (in RPCGetMessageStats with snake_case names).
 *
 * @param name           the endpoint name
 * @param kind           who holds the name now
 * @param worker         index of the worker serving it
 * @param received       messages accepted for it or dropped at its queue
 * @param delivered      messages its handler completed without throwing
 * @param errors         handler exceptions and messages that found it gone
 * @param drops          messages dropped by the offer policy
 * @param queueDepth     messages waiting now
 * @param queueLatency   accepted to handler start, ns
 * @param handlerLatency time inside the handler, ns
 */
public record EndpointStats(String name, EndpointKind kind, int worker, long received, long delivered, long errors,
        long drops, long queueDepth, @JsonProperty("queue_latency_ns") Latency queueLatency,
        @JsonProperty("handler_latency_ns") Latency handlerLatency) {
}
