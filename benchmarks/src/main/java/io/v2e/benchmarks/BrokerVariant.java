package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration the socket section measures besides the shipped one: a label, the
 * etc/io.v2e.broker.cfg settings, the tuning provider (etc/io.v2e.tuning.cfg, key {@code provider}
 * in the spec; null = the shipped selection), and which systems run under it. The first of
 * {@link #list} is the shipped configuration (no settings).
 *
 * @param expected what RPCGetWorkers reports under "config" once applied (defaults included)
 */
record BrokerVariant(String label, Map<String, String> settings, Map<String, String> expected, String provider,
        Set<String> systems) {

    /** The provider the shipped selection (provider = auto) binds on Linux. */
    static final String SHIPPED_PROVIDER = "auto";

    /** The shipped defaults of the keys the variants change (see BrokerConfig). */
    private static final Map<String, String> DEFAULTS = Map.of("idle_strategy", "backoff", "nice", "-10");

    boolean isDefault() {
        return settings.isEmpty() && provider == null;
    }

    /**
     * Measured by default besides the shipped configuration: broker workers at nice 0 (the
     * priority of a thread nobody tunes), and the same container with provider noop (nothing
     * tuned at all: the shipped tuning must not lose to it).
     */
    static final String DEFAULT_VARIANTS = "nice0:nice=0;noop:provider=noop";

    /**
     * The shipped configuration, then those named by the system property
     * {@code v2e.bench.socket.variants} ("label:key=value,key=value;label2:..."; empty: none),
     * by default {@value #DEFAULT_VARIANTS}.
     */
    static List<BrokerVariant> list() {
        List<BrokerVariant> l = new ArrayList<>();
        l.add(new BrokerVariant("default", Map.of(), DEFAULTS, null, Set.of()));
        String spec = System.getProperty("v2e.bench.socket.variants", DEFAULT_VARIANTS);
        for (String v : spec.split(";")) {
            if (v.isBlank()) {
                continue;
            }
            String[] lv = v.split(":", 2);
            Map<String, String> settings = new LinkedHashMap<>();
            String provider = null;
            for (String kv : lv[1].split(",")) {
                String[] p = kv.split("=", 2);
                if (p[0].trim().equals("provider")) {
                    provider = p[1].trim();
                } else {
                    settings.put(p[0].trim(), p[1].trim());
                }
            }
            Map<String, String> expected = new LinkedHashMap<>(DEFAULTS);
            expected.putAll(settings);
            l.add(new BrokerVariant(lv[0].trim(), settings, expected, provider,
                    Set.of(SocketSection.V2E, SocketSection.V2E_RAW)));
        }
        return l;
    }

    /** The provider this variant runs with: its own, else the shipped selection. */
    String providerOrShipped() {
        return provider == null ? SHIPPED_PROVIDER : provider;
    }

    /** What the notes say this variant changed. */
    String describe() {
        StringBuilder b = new StringBuilder();
        if (!settings.isEmpty()) {
            b.append("etc/io.v2e.broker.cfg setting ").append(settings);
        }
        if (provider != null) {
            b.append(b.length() > 0 ? " and " : "").append("etc/io.v2e.tuning.cfg provider = ").append(provider)
                    .append(" (the broker's workers and, where the transport binds a provider, its I/O threads)");
        }
        return b.toString();
    }
}
