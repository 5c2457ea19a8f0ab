package io.v2e.nats.internal;

import java.util.regex.Pattern;

/**
 * The bridge's subjects under one prefix: {@code PREFIX.NAME} (shared by every host serving NAME, one
 * queue group), {@code PREFIX.HOST.NAME} (one host), and {@code PREFIX._hosts.*} for the hosts'
 * announcements. A host name cannot start with '_' and an endpoint name is one token, so the three
 * never collide. Immutable; any thread.
 */
final class Subjects {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern TOKEN = Pattern.compile("[^.@*>\\s]+");
    /** The separator of {@code NAME@HOST}, as callers address one host's endpoint. */
    static final char AT = '@';

    private final String prefix;

    Subjects(String prefix) {
        this.prefix = prefix;
    }

    static boolean isHostName(String host) {
        return HOST.matcher(host).matches();
    }

    /** One subject token that is also usable in {@code NAME@HOST}. */
    static boolean isEndpointToken(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    static boolean isPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.startsWith(".") || prefix.endsWith(".") || prefix.contains("..")) {
            return false;
        }
        for (String token : prefix.split("\\.")) {
            if (!token.matches("[^*>\\s]+")) {
                return false;
            }
        }
        return true;
    }

    String shared(String name) {
        return prefix + "." + name;
    }

    String ofHost(String host, String name) {
        return prefix + "." + host + "." + name;
    }

    /** Periodic announcements: {@link Announcement} JSON. */
    String announce() {
        return prefix + "._hosts.announce";
    }

    /** A host that stops says so here (same JSON, no endpoints). */
    String bye() {
        return prefix + "._hosts.bye";
    }

    /** A host that (re)connects asks the others to announce at once. */
    String hello() {
        return prefix + "._hosts.hello";
    }
}
