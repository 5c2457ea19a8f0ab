package io.v2e.transport.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.v2e.broker.api.PeerCredentials;

/**
 * Who may send requests and events to which targets (PID {@value TransportComponent#POLICY_PID}):
 * ordered allow/deny rules over caller name, peer user, target and method; the first matching rule
 * decides, else the default action. An invalid configuration gives a policy that refuses everything
 * (fail closed) and says why. Threading: immutable, any thread; connections read the current one
 * per message from a volatile field, so a change applies to the next message without dropping a
 * connection.
 */
final class AccessPolicy {

    /** A rule's or the default's decision (the words of the configuration). */
    enum Action { allow, deny }

    /** Open: no rules, default allow (the transport without a policy file). */
    static final AccessPolicy OPEN = new AccessPolicy(List.of(), Action.allow, null);

    private static final List<String> FIELDS = List.of("caller", "user", "group", "target", "method");

    private final List<Rule> rules;
    private final Action otherwise;
    /** Non-null: the configuration was invalid and everything is refused. */
    private final String invalid;

    private AccessPolicy(List<Rule> rules, Action otherwise, String invalid) {
        this.rules = rules;
        this.otherwise = otherwise;
        this.invalid = invalid;
    }

    /** One rule: a null pattern matches anything. */
    record Rule(int number, Action action, Pattern caller, Pattern user, Pattern group, Pattern target, Pattern method) {

        boolean matches(String callerName, PeerCredentials peer, String targetName, String methodId) {
            String userName = peer == null ? null : peer.user();
            String groupName = peer == null ? null : peer.group();
            return (caller == null || caller.matcher(callerName).matches())
                    && (user == null || userName != null && user.matcher(userName).matches())
                    && (group == null || groupName != null && group.matcher(groupName).matches())
                    && (target == null || target.matcher(targetName).matches())
                    && (method == null || method.matcher(methodId).matches());
        }
    }

    /**
     * The policy of {@code rules} (each element may hold several rules separated by ';').
     *
     * @throws IllegalArgumentException naming the first bad rule
     */
    static AccessPolicy of(String[] rules, Action otherwise) {
        if (otherwise == null) {
            throw new IllegalArgumentException("default_action missing");
        }
        List<Rule> parsed = new ArrayList<>();
        for (String element : rules == null ? new String[0] : rules) {
            for (String text : element.split(";")) {
                if (!text.isBlank()) {
                    parsed.add(parse(parsed.size() + 1, text.trim()));
                }
            }
        }
        return new AccessPolicy(List.copyOf(parsed), otherwise, null);
    }

    /** A policy that refuses every request and event because its configuration was {@code reason}. */
    static AccessPolicy invalid(String reason) {
        return new AccessPolicy(List.of(), Action.deny, reason);
    }

    private static Rule parse(int number, String text) {
        String[] words = text.split("\\s+");
        Action action;
        try {
            action = Action.valueOf(words[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule " + number + " '" + text + "' must start with allow or deny");
        }
        Pattern[] patterns = new Pattern[FIELDS.size()];
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            int field = eq < 0 ? -1 : FIELDS.indexOf(words[i].substring(0, eq));
            if (field < 0 || eq == words[i].length() - 1) {
                throw new IllegalArgumentException("rule " + number + " '" + text + "': '" + words[i]
                        + "' is not caller=, user=, group=, target= or method= with a value");
            }
            if (patterns[field] != null) {
                throw new IllegalArgumentException("rule " + number + " '" + text + "' names " + FIELDS.get(field) + " twice");
            }
            patterns[field] = glob(words[i].substring(eq + 1));
        }
        return new Rule(number, action, patterns[0], patterns[1], patterns[2], patterns[3], patterns[4]);
    }

    /** {@code *} matches any characters; everything else is literal. */
    private static Pattern glob(String g) {
        String[] parts = g.split("\\*", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(".*");
            }
            if (!parts[i].isEmpty()) {
                b.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(b.toString());
    }

    /**
     * Whether {@code caller} (a connection's identity, with its peer credentials) may send
     * {@code method} to {@code target}.
     *
     * @return null when allowed, else the refusal (names the deciding rule's number, not its text)
     */
    String refusal(String caller, PeerCredentials peer, String target, String method) {
        if (invalid != null) {
            return "refused: the transport's policy (etc/io.v2e.transport.policy.cfg) is invalid, so every external "
                    + "request and event is refused until it is fixed";
        }
        String user = peer == null ? null : peer.user();
        for (Rule r : rules) {
            if (r.matches(caller, peer, target, method)) {
                return r.action() == Action.allow ? null : refusalText(caller, user, target, method, "rule " + r.number());
            }
        }
        return otherwise == Action.allow ? null : refusalText(caller, user, target, method, "no rule allows it, default_action deny");
    }

    private static String refusalText(String caller, String user, String target, String method, String why) {
        return "refused by policy: '" + caller + "'" + (user == null ? "" : " (user " + user + ")") + " may not send "
                + method + " to '" + target + "' (" + why + ")";
    }

    /** Null, or why the configuration was rejected. */
    String invalidReason() {
        return invalid;
    }

    int ruleCount() {
        return rules.size();
    }

    /** For people: "open", "2 rules, default deny", "INVALID (...): refusing ...". */
    String describe() {
        if (invalid != null) {
            return "INVALID (" + invalid + "): every external request and event is refused";
        }
        if (rules.isEmpty() && otherwise == Action.allow) {
            return "open (no rules)";
        }
        return rules.size() + (rules.size() == 1 ? " rule" : " rules") + ", default " + otherwise;
    }
}
