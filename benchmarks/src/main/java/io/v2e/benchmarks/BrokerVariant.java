package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A broker configuration the socket section measures besides the shipped one: a label, the
 * etc/io.v2e.broker.cfg settings, and which systems run under it. The first of {@link #list} is
 * the shipped configuration (no settings).
 *
 * @param expected what RPCGetWorkers reports under "config" once applied (defaults included)
 */
record BrokerVariant(String label, Map<String, String> settings, Map<String, String> expected, Set<String> systems) {

    /** The shipped defaults of the keys the variants change (see BrokerConfig). */
    private static final Map<String, String> DEFAULTS = Map.of("idle_strategy", "backoff", "nice", "-10");

    boolean isDefault() {
        return settings.isEmpty();
    }

    /**
     * Measured by default besides the shipped configuration: broker workers at nice 0, the same
     * priority as the transport's connection threads that carry every message to and from them
     * (with the shipped nice -10 a spinning idle worker outweighs them ~9:1 on its CPU).
     */
    static final String DEFAULT_VARIANTS = "nice0:nice=0";

    /**
     * The shipped configuration, then those named by the system property
     * {@code v2e.bench.socket.variants} ("label:key=value,key=value;label2:..."; empty: none),
     * by default {@value #DEFAULT_VARIANTS}.
     */
    static List<BrokerVariant> list() {
        List<BrokerVariant> l = new ArrayList<>();
        l.add(new BrokerVariant("default", Map.of(), DEFAULTS, Set.of()));
        String spec = System.getProperty("v2e.bench.socket.variants", DEFAULT_VARIANTS);
        for (String v : spec.split(";")) {
            if (v.isBlank()) {
                continue;
            }
            String[] lv = v.split(":", 2);
            Map<String, String> settings = new LinkedHashMap<>();
            for (String kv : lv[1].split(",")) {
                String[] p = kv.split("=", 2);
                settings.put(p[0].trim(), p[1].trim());
            }
            Map<String, String> expected = new LinkedHashMap<>(DEFAULTS);
            expected.putAll(settings);
            l.add(new BrokerVariant(lv[0].trim(), settings, expected, Set.of(SocketSection.V2E, SocketSection.V2E_RAW)));
        }
        return l;
    }
}
