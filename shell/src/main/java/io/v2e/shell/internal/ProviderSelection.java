package io.v2e.shell.internal;

import java.util.Dictionary;
import java.util.Optional;

/**
 * The per-host provider decision as the selection bundle published it (ConfigAdmin PID
 * {@value #PID}; see etc/io.v2e.tuning.cfg): what was selected, what consumers bind, why, and the
 * filter they bind with.
 *
 * @param selected what the operator asked for (auto, jnr, jna, ffm, noop)
 * @param using    the provider in use, or {@code none}
 * @param reason   e.g. {@code selected ffm: not available, using jnr}
 * @param target   the LDAP filter consumers' {@code provider.target} follows
 * @param rejected a rejected value of the selection file, with the reason; empty when none
 */
record ProviderSelection(String selected, String using, String reason, String target, Optional<String> rejected) {

    static final String PID = "io.v2e.tuning.binding";

    static Optional<ProviderSelection> of(Dictionary<String, ?> props) {
        if (props == null || props.get("provider.target") == null) {
            return Optional.empty();
        }
        Object rejected = props.get("tuning.rejected");
        return Optional.of(new ProviderSelection(String.valueOf(props.get("tuning.selection")),
                String.valueOf(props.get("tuning.using")), String.valueOf(props.get("tuning.reason")),
                String.valueOf(props.get("provider.target")),
                rejected == null ? Optional.empty() : Optional.of(rejected.toString())));
    }
}
