package io.v2e.broker.api;

/**
 * Counters of one endpoint name since the broker started.
 *
 * @param name           the endpoint name
 * @param kind           {@code internal}, {@code external} (answers later), {@code broker}, or
 *                       {@code absent} when no endpoint holds the name now
 * @param worker         index of the worker serving it
 * @param received       messages accepted for it or dropped at its queue
 * @param delivered      messages its handler completed without throwing
 * @param errors         handler exceptions and messages that found it gone
 * @param drops          messages dropped by the offer policy
 * @param queueDepth     messages waiting now
 * @param queueLatency   accepted to handler start
 * @param handlerLatency time inside the handler
 */
public record EndpointStats(String name, String kind, int worker, long received, long delivered, long errors,
        long drops, long queueDepth, Latency queueLatency, Latency handlerLatency) {
}
