package io.v2e.transport.internal;

import java.lang.reflect.Method;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;

import io.v2e.broker.api.PeerCredentials;

/**
 * Reads who is at the other end of an accepted connection from the kernel, never from the peer:
 * SO_PEERCRED of a UNIX domain socket (the JDK's {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED},
 * a {@code UnixDomainPrincipal} with the peer's user and group; the JDK does not expose the pid, so
 * it stays unknown). TCP carries no credentials.
 * <p>
 * The option and its principal are reached through {@link SocketChannel#supportedOptions()} and
 * reflection on the public record, so the bundle needs no import of {@code jdk.net} (which an OSGi
 * framework need not export). Threading: any thread; stateless.
 */
final class PeerIdentity {

    static final String UNIX = "unix";
    static final String TCP = "tcp";

    private PeerIdentity() {
    }

    /** The credentials of {@code channel}, accepted by a listener of {@code kind} (unix or tcp). */
    static PeerCredentials of(String kind, SocketChannel channel) {
        if (!UNIX.equals(kind)) {
            return new PeerCredentials(TCP, null, null, null);
        }
        try {
            for (SocketOption<?> option : channel.supportedOptions()) {
                if ("SO_PEERCRED".equals(option.name())) {
                    Object principal = channel.getOption(option);
                    Method user = principal.getClass().getMethod("user");
                    Method group = principal.getClass().getMethod("group");
                    return new PeerCredentials(UNIX, null, ((UserPrincipal) user.invoke(principal)).getName(),
                            ((GroupPrincipal) group.invoke(principal)).getName());
                }
            }
        } catch (ReflectiveOperationException | java.io.IOException | RuntimeException e) {
            // unknown: such a peer is treated as nobody's (it cannot replace or be replaced by another user's name)
        }
        return new PeerCredentials(UNIX, null, null, null);
    }

    /** True when {@code a} and {@code b} are the same user over the same kind of channel, as the kernel says. */
    static boolean sameOwner(PeerCredentials a, PeerCredentials b) {
        if (!a.channel().equals(b.channel())) {
            return false;
        }
        if (TCP.equals(a.channel())) {
            return true; // no credentials on TCP: any TCP peer is as good as another
        }
        return a.user() != null && a.user().equals(b.user());
    }
}
