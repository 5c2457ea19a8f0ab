package io.v2e.transport.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names reserved by configuration ({@code reserved_names}, {@code name_tokens}): an external
 * connection may take a reserved name (RPCRegister, subprocess_ready; a replacement too) only by
 * presenting that name's token; a reserved name without a usable token cannot be taken by any
 * external connection. Unreserved names are open as before. Tokens are never logged or echoed.
 * Threading: immutable, any thread; the transport swaps whole instances on a configuration change.
 */
final class NameReservations {

    /** reserved_names by default: the ssg endpoint's name, so no connection takes it while that bundle is down. */
    static final String DEFAULT_RESERVED = "ssg";

    static final NameReservations NONE = new NameReservations(Set.of(), Map.of(), List.of());

    /** Reserved names without a usable token: nobody external may take them. */
    private final Set<String> closed;
    private final Map<String, SecretToken> tokens;
    private final List<String> problems;

    private NameReservations(Set<String> closed, Map<String, SecretToken> tokens, List<String> problems) {
        this.closed = closed;
        this.tokens = tokens;
        this.problems = problems;
    }

    /**
     * Reads the configuration: {@code reserved} is a comma-separated list of names,
     * {@code nameTokens} a comma-separated list of {@code NAME=FILE} (a relative FILE is under
     * {@code etc}). A name whose token file cannot be used stays reserved without a token (fail
     * closed) and the reason is in {@link #problems()}.
     *
     * @throws IllegalArgumentException for an entry of {@code name_tokens} that is not NAME=FILE
     */
    static NameReservations of(String reserved, String nameTokens, Path etc) {
        Set<String> closed = new LinkedHashSet<>(items(reserved));
        Map<String, SecretToken> tokens = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String entry : items(nameTokens)) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).trim();
            String file = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (name.isEmpty() || file.isEmpty()) {
                throw new IllegalArgumentException("name_tokens entry '" + entry + "' is not NAME=FILE");
            }
            try {
                tokens.put(name, SecretToken.read(etc.resolve(file), "name_tokens file of '" + name + "'"));
                closed.remove(name);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + "; name '" + name + "' stays reserved and no connection may take it");
                tokens.remove(name);
                closed.add(name);
            }
        }
        return new NameReservations(Set.copyOf(closed), Map.copyOf(tokens), List.copyOf(problems));
    }

    private static List<String> items(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /**
     * Whether an external connection offering {@code offered} (null: none) may take {@code name}.
     *
     * @return null when it may (unreserved, or the right token), else why not (never the token)
     */
    String refusal(String name, String offered) {
        if (closed.contains(name)) {
            return "name '" + name + "' is reserved (reserved_names of the transport): no external connection may take it";
        }
        SecretToken token = tokens.get(name);
        if (token == null) {
            return null;
        }
        if (offered == null || offered.isEmpty()) {
            return "name '" + name + "' is reserved: it needs its token (RPCRegister payload {\"name\": \"" + name
                    + "\", \"token\": \"...\"}, or a subprocess_ready payload {\"token\": \"...\"})";
        }
        return token.matches(offered) ? null : "name '" + name + "' is reserved: the token does not match";
    }

    /** True when {@code name} needs a token or cannot be taken at all. */
    boolean isReserved(String name) {
        return closed.contains(name) || tokens.containsKey(name);
    }

    /** Token files that could not be used (their names are closed); for the log. */
    List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "reserved without token " + closed + ", with token " + tokens.keySet();
    }
}
