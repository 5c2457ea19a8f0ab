package io.v2e.transport.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.v2e.broker.api.rpc.RpcJson;

/**
 * The transport's counters and its policy's state as one JSON object, the answer of
 * {@value TransportRpc#GET_STATS}: {@code connections_open}, {@code connections_accepted},
 * {@code connections_refused}, {@code policy_refusals}, {@code policy} (a description) and
 * {@code policy_valid}, {@code bytes_in}, {@code bytes_out}. Threading: any thread; reads counters.
 */
final class TransportStats {

    private TransportStats() {
    }

    static String json(Transport t) {
        TransportCounters c = t.counters();
        AccessPolicy p = t.policy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections_open", t.connections().size());
        m.put("connections_accepted", c.accepted.sum());
        m.put("connections_refused", c.refused.sum());
        m.put("policy_refusals", c.policyRefusals.sum());
        m.put("policy", p.describe());
        m.put("policy_valid", p.invalidReason() == null);
        m.put("bytes_in", c.bytesIn.sum());
        m.put("bytes_out", c.bytesOut.sum());
        return RpcJson.write(m);
    }
}
