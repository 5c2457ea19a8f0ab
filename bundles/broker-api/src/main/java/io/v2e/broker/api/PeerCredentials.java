package io.v2e.broker.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who is behind an endpoint, as the kernel (not the peer) says: for a UNIX-socket connection the
 * user and group of SO_PEERCRED, for a supervised process the user it runs as and its pid.
 *
 * @param channel how the peer is connected: {@code unix}, {@code tcp} or {@code process}
 * @param pid     the peer's process id, or null when it is not known (the JDK's SO_PEERCRED gives
 *                user and group only)
 * @param user    the user name of the peer's uid (the uid as a number when it has no name), or null
 *                when the channel carries no credentials (TCP)
 * @param group   the group name of the peer's gid, likewise
 * @since 2.3
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerCredentials(String channel, Integer pid, String user, String group) {

    /** One line for people: {@code unix user=root group=root pid=?}. */
    public String describe() {
        return channel + " user=" + (user == null ? "?" : user) + " group=" + (group == null ? "?" : group) + " pid="
                + (pid == null ? "?" : pid.toString());
    }
}
