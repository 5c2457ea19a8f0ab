package io.v2e.broker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.v2e.broker.api.BrokerRpcExtension;

/**
 * The broker methods other bundles contribute ({@link BrokerRpcExtension} services), by method
 * name; the first holder of a name keeps it. Threading: mutated by SCR threads, read by the
 * worker serving target {@code broker}.
 */
final class RpcExtensions {

    private final Map<String, BrokerRpcExtension> byMethod = new ConcurrentHashMap<>();

    /**
     * Gives {@code extension} each of {@code methods} that is neither built in nor held.
     *
     * @return the methods it did not get (already taken)
     */
    List<String> add(BrokerRpcExtension extension, List<String> methods) {
        List<String> refused = new ArrayList<>();
        for (String method : methods) {
            if (BrokerRpc.BUILT_IN.contains(method) || byMethod.putIfAbsent(method, extension) != null) {
                refused.add(method);
            }
        }
        return refused;
    }

    /** Frees the methods {@code extension} holds. */
    void remove(BrokerRpcExtension extension) {
        byMethod.values().removeIf(e -> e == extension);
    }

    /** The extension serving {@code method}, or null. */
    BrokerRpcExtension of(String method) {
        return byMethod.get(method);
    }

    /** The contributed method names, for error messages. */
    List<String> methods() {
        return new ArrayList<>(new java.util.TreeSet<>(byMethod.keySet()));
    }
}
