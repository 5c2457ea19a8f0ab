package io.v2e.nats.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;

/**
 * The bridge's configuration, validated and immutable ({@link #of} refuses a bad value naming its key).
 *
 * @param exportAll  true for {@code export = *}; else {@code exportNames} lists the exported names
 * @param threadCpus null = every CPU the provider allows
 */
record BridgeSettings(boolean enabled, List<String> servers, String hostName, String connectionName, String prefix,
        boolean exportAll, Set<String> exportNames, boolean importEnabled, String queueGroup, long requestTimeoutMs,
        long heartbeatMs, int heartbeatMisses, long connectionTimeoutMs, long reconnectWaitMs, int maxReconnects,
        String username, String password, String token, String credentialsFile, boolean tls, boolean tlsFirst,
        String keystore, String keystorePassword, String truststore, String truststorePassword,
        CpuSet threadCpus, int threadNice, IoPriority threadIo) {

    static BridgeSettings of(NatsConfig c) {
        List<String> servers = new ArrayList<>();
        for (String s : c.servers().split(",")) {
            String url = s.trim();
            if (url.isEmpty()) {
                continue;
            }
            try {
                URI u = new URI(url);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException("servers: '" + url + "' is not a URL like nats://host:port");
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("servers: '" + url + "' is not a URL (" + e.getReason() + ")");
            }
            servers.add(url);
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("servers is empty: name at least one nats:// URL");
        }
        String host = c.host__name().trim().isEmpty() ? localHostName() : c.host__name().trim();
        if (!Subjects.isHostName(host)) {
            throw new IllegalArgumentException("host_name '" + host + "' must be letters, digits and '-' (not first)");
        }
        String prefix = c.subject__prefix().trim();
        if (!Subjects.isPrefix(prefix)) {
            throw new IllegalArgumentException("subject_prefix '" + prefix + "' must be dot-separated tokens without "
                    + "'*', '>' or whitespace");
        }
        String export = c.export().trim();
        boolean all = export.equals("*");
        Set<String> names = new LinkedHashSet<>();
        if (!all) {
            for (String n : export.split(",")) {
                String name = n.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!Subjects.isEndpointToken(name)) {
                    throw new IllegalArgumentException("export: '" + name + "' cannot be a subject token "
                            + "(no '.', '@', '*', '>' or whitespace)");
                }
                names.add(name);
            }
        }
        String group = c.queue__group().trim();
        if (!Subjects.isEndpointToken(group)) {
            throw new IllegalArgumentException("queue_group '" + group + "' must be one token");
        }
        positive("request_timeout_ms", c.request__timeout__ms(), 1);
        positive("heartbeat_ms", c.heartbeat__ms(), 50);
        positive("heartbeat_misses", c.heartbeat__misses(), 1);
        positive("connection_timeout_ms", c.connection__timeout__ms(), 1);
        positive("reconnect_wait_ms", c.reconnect__wait__ms(), 0);
        if (c.max__reconnects() < -1) {
            throw new IllegalArgumentException("max_reconnects must be -1 (forever) or >= 0, was " + c.max__reconnects());
        }
        CpuSet cpus = c.thread__cpus().trim().isEmpty() ? null : parseCpus(c.thread__cpus().trim());
        if (c.thread__nice() < -20 || c.thread__nice() > 19) {
            throw new IllegalArgumentException("thread_nice must be -20..19, was " + c.thread__nice());
        }
        IoPriority.IoClass ioClass = c.thread__io__class().toApi();
        int level = ioClass == IoPriority.IoClass.NONE || ioClass == IoPriority.IoClass.IDLE ? 0 : c.thread__io__level();
        if (level < 0 || level > 7) {
            throw new IllegalArgumentException("thread_io_level must be 0..7, was " + level);
        }
        String connName = c.connection__name().trim().isEmpty() ? "v2e-" + host : c.connection__name().trim();
        boolean tls = c.tls() || servers.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).startsWith("tls:"));
        return new BridgeSettings(c.enabled(), List.copyOf(servers), host, connName, prefix, all, Set.copyOf(names),
                c.import__enabled(), group, c.request__timeout__ms(), c.heartbeat__ms(), c.heartbeat__misses(),
                c.connection__timeout__ms(), c.reconnect__wait__ms(), c.max__reconnects(), c.username().trim(),
                c.password(), c.token(), c.credentials__file().trim(), tls, c.tls__first(), c.tls__keystore().trim(),
                c.tls__keystore__password(), c.tls__truststore().trim(), c.tls__truststore__password(), cpus,
                c.thread__nice(), new IoPriority(ioClass, level));
    }

    /** True when {@code name} is served on NATS by this host (already known to be a valid token and local). */
    boolean exports(String name) {
        return exportAll || exportNames.contains(name);
    }

    private static void positive(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }

    private static CpuSet parseCpus(String list) {
        try {
            return CpuSet.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("thread_cpus: " + e.getMessage());
        }
    }

    /** The machine's host name, first label, reduced to letters, digits and '-'. */
    static String localHostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        int dot = name.indexOf('.');
        String label = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9-]", "-");
        return label.isEmpty() || label.startsWith("-") ? "h" + label : label;
    }

    @Override
    public String toString() { // no secrets
        return "servers=" + servers + " host=" + hostName + " prefix=" + prefix + " export="
                + (exportAll ? "*" : exportNames) + " import=" + importEnabled;
    }
}
