package io.v2e.transport.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;

import io.v2e.config.internal.ConfigCheck;

/**
 * Reads the transport's secrets and rules from configuration: the TCP token, the reserved names
 * with their tokens, the authorization policy. Files named by a relative path are under
 * {@code <v2e.home>/etc}. What cannot be used is logged (never a token) and fails closed: TCP does
 * not start, a name stays untakeable, an invalid policy refuses every external request and event.
 * Threading: stateless; called by the component on SCR's thread.
 */
final class TransportGuards {

    private static final Logger LOG = System.getLogger("io.v2e.transport");

    private TransportGuards() {
    }

    /** {@code <v2e.home>/etc}, or {@code ./etc} when v2e.home is not set (Karaf, tests). */
    static Path etc() {
        return TransportSettings.home().resolve("etc");
    }

    /** The configured TCP token, or null (none configured, or unreadable: logged, and TCP will not start). */
    static SecretToken tcpToken(TransportConfig config) {
        String file = config.tcp__token__file();
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return SecretToken.read(etc().resolve(file.trim()), "tcp_token_file");
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return null;
        }
    }

    /**
     * The reserved names and their tokens; unusable token files are logged.
     *
     * @throws IllegalArgumentException for a malformed name_tokens entry (the configuration is rejected)
     */
    static NameReservations reservations(TransportConfig config) {
        NameReservations r = NameReservations.of(config.reserved__names(), config.name__tokens(), etc());
        for (String problem : r.problems()) {
            LOG.log(Level.ERROR, problem);
        }
        return r;
    }

    /** The policy of PID {@value TransportComponent#POLICY_PID}; invalid: one that refuses everything, logged loudly. */
    static AccessPolicy policy(PolicyConfig config, Map<String, Object> props) {
        try {
            ConfigCheck.check(PolicyConfig.class, props);
            AccessPolicy p = AccessPolicy.of(config.rules(), config.default__action());
            LOG.log(Level.INFO, "transport policy: {0}", p.describe());
            return p;
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            LOG.log(Level.ERROR, "configuration " + TransportComponent.POLICY_PID + " is invalid: {0}; every external "
                    + "request and event is refused until it is fixed (fail closed)", e.getMessage());
            return AccessPolicy.invalid(e.getMessage());
        }
    }
}
