package io.v2e.launcher;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the arguments of {@code bin/v2e CMD ARGS...} into one Gogo command line and names the
 * command service it needs. Arguments with spaces or Gogo syntax characters are double-quoted so
 * the shell sees each argument as one token.
 */
final class CommandLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@+%^-]+");
    private static final Pattern COMMAND_NAME = Pattern.compile("(?:([A-Za-z0-9_.-]+):)?([A-Za-z0-9_.-]+)");

    private final String line;
    private final String scope;
    private final String function;

    private CommandLine(String line, String scope, String function) {
        this.line = line;
        this.scope = scope;
        this.function = function;
    }

    static CommandLine of(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        StringBuilder sb = new StringBuilder();
        for (String arg : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(arg));
        }
        var m = COMMAND_NAME.matcher(args.get(0));
        if (m.matches()) {
            return new CommandLine(sb.toString(), m.group(1), m.group(2));
        }
        return new CommandLine(sb.toString(), null, null);
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && PLAIN.matcher(arg).matches()) {
            return arg;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    String line() {
        return line;
    }

    /** The first word as written, e.g. {@code tuning:info}. */
    String name() {
        return scope == null ? function : scope + ":" + function;
    }

    /** True when the first word looks like a command name a service can provide. */
    boolean namesCommand() {
        return function != null;
    }

    /** LDAP filter matching the service that provides the command. */
    String serviceFilter() {
        if (function == null) {
            throw new IllegalStateException("'" + line + "' does not start with a command name");
        }
        String f = "(osgi.command.function=" + function + ")";
        return scope == null ? f : "(&(osgi.command.scope=" + scope + ")" + f + ")";
    }
}
