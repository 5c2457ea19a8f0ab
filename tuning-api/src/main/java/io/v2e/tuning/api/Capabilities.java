package io.v2e.tuning.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probed capabilities of one provider, one {@link Capability} per {@link Operation}. A map
 * without {@link Operation#THREAD_SCHEDULING} (a provider written against 1.0) gets it as unsupported.
 *
 * @param byOperation   every operation's capability (all operations are present)
 * @param callCostNanos measured cost of one cheap provider call (a thread read) taken at
 *                      activation, in nanoseconds; -1 when not measured
 */
public record Capabilities(Map<Operation, Capability> byOperation, long callCostNanos) {

    public Capabilities {
        EnumMap<Operation, Capability> copy = new EnumMap<>(Operation.class);
        copy.putAll(byOperation);
        for (Operation op : Operation.values()) {
            Capability c = copy.get(op);
            if (c == null && op == Operation.THREAD_SCHEDULING) {
                // Added in 1.1: a provider written against 1.0 does not report it and cannot do it.
                c = Capability.unsupported(op, "not reported by this provider (added in tuning-api 1.1)");
                copy.put(op, c);
            }
            if (c == null) {
                throw new IllegalArgumentException("missing capability for " + op);
            }
            if (c.operation() != op) {
                throw new IllegalArgumentException("capability for " + c.operation() + " filed under " + op);
            }
        }
        byOperation = Collections.unmodifiableMap(copy);
    }

    /** Every operation unsupported, for a provider that changes nothing. */
    public static Capabilities noneSupported(String detail, long callCostNanos) {
        EnumMap<Operation, Capability> map = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            map.put(op, Capability.unsupported(op, detail));
        }
        return new Capabilities(map, callCostNanos);
    }

    public Capability of(Operation operation) {
        return byOperation.get(operation);
    }

    public boolean supported(Operation operation) {
        return of(operation).supported();
    }

    public boolean permitted(Operation operation) {
        return of(operation).permitted();
    }
}
