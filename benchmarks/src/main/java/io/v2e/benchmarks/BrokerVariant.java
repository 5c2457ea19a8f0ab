package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration the socket section measures besides the shipped one: a label, the
 * etc/io.v2e.broker.cfg settings, the tuning provider (etc/io.v2e.tuning.cfg, key {@code provider}
 * in the spec; null = the shipped selection), etc/io.v2e.transport.cfg settings (keys prefixed
 * {@code transport.} in the spec, e.g. {@code transport.io_nice=0}), and which systems run under it. The first of
 * {@link #list} is the shipped configuration (no settings).
 *
 * @param expected what RPCGetWorkers reports under "config" once applied (defaults included)
 */
record BrokerVariant(String label, Map<String, String> settings, Map<String, String> expected, String provider,
        Map<String, String> transport, Set<String> systems) {

    /** The provider the shipped selection (provider = auto) binds on Linux. */
    static final String SHIPPED_PROVIDER = "auto";

    /** The shipped defaults of the keys the variants change (see BrokerConfig). */
    private static final Map<String, String> DEFAULTS = Map.of("idle_strategy", "wake", "nice", "0");

    boolean isDefault() {
        return settings.isEmpty() && provider == null && transport.isEmpty();
    }

    /**
     * Measured by default besides the shipped configuration: broker workers idling with backoff
     * (spin, yield, then park up to 1 ms; the default until this benchmark showed wake faster) and
     * with park, the transport's I/O loops at nice 0 (skipped, with a note, against a transport
     * without I/O loops), and the same container with provider noop (nothing tuned at all: the
     * shipped tuning must not lose to it).
     */
    static final String DEFAULT_VARIANTS = "backoff:idle_strategy=backoff;park:idle_strategy=park;ionice0:transport.io_nice=0;noop:provider=noop";

    /**
     * The shipped configuration, then those named by the system property
     * {@code v2e.bench.socket.variants} ("label:key=value,key=value;label2:..."; empty: none),
     * by default {@value #DEFAULT_VARIANTS}.
     */
    static List<BrokerVariant> list() {
        List<BrokerVariant> l = new ArrayList<>();
        l.add(new BrokerVariant("default", Map.of(), DEFAULTS, null, Map.of(), Set.of()));
        String spec = System.getProperty("v2e.bench.socket.variants", DEFAULT_VARIANTS);
        for (String v : spec.split(";")) {
            if (v.isBlank()) {
                continue;
            }
            String[] lv = v.split(":", 2);
            Map<String, String> settings = new LinkedHashMap<>();
            String provider = null;
            Map<String, String> transport = new LinkedHashMap<>();
            for (String kv : lv[1].split(",")) {
                String[] p = kv.split("=", 2);
                if (p[0].trim().equals("provider")) {
                    provider = p[1].trim();
                } else if (p[0].trim().startsWith("transport.")) {
                    transport.put(p[0].trim().substring("transport.".length()), p[1].trim());
                } else {
                    settings.put(p[0].trim(), p[1].trim());
                }
            }
            Map<String, String> expected = new LinkedHashMap<>(DEFAULTS);
            expected.putAll(settings);
            l.add(new BrokerVariant(lv[0].trim(), settings, expected, provider, transport,
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
        if (!transport.isEmpty()) {
            b.append(b.length() > 0 ? " and " : "").append("etc/io.v2e.transport.cfg setting ").append(transport);
        }
        if (provider != null) {
            b.append(b.length() > 0 ? " and " : "").append("etc/io.v2e.tuning.cfg provider = ").append(provider)
                    .append(" (the broker's workers and, where the transport binds a provider, its I/O threads)");
        }
        return b.toString();
    }
}
