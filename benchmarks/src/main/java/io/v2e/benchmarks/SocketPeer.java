package io.v2e.benchmarks;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.v2e.client.V2eClient;

/**
 * The answering side of the socket section, run in a JVM of its own (as a real peer would be):
 * <ul>
 * <li>{@code v2e-echo SOCKET NAME}: a V2eClient connected to the container's UNIX socket,
 * registered as endpoint NAME, answering every request with the request's payload;</li>
 * <li>{@code nats-echo URL SUBJECT}: a jnats connection answering every request on SUBJECT with its data;</li>
 * <li>{@code uds-echo PATH}: a bare NDJSON echo server on a UNIX socket (plain java.nio, one
 * thread per connection, every complete line written back as it came).</li>
 * </ul>
 * Prints {@code ready} on stdout once it answers, and exits when stdin closes (its parent ended it).
 */
public final class SocketPeer {

    static final String READY = "ready";

    private SocketPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && !(args.length == 2 && args[0].equals("uds-echo"))) {
            throw new IllegalArgumentException("usage: v2e-echo SOCKET NAME | nats-echo URL SUBJECT | uds-echo PATH");
        }
        AutoCloseable peer;
        switch (args[0]) {
            case "v2e-echo": peer = v2eEcho(Path.of(args[1]), args[2]); break;
            case "nats-echo": peer = natsEcho(args[1], args[2]); break;
            case "uds-echo": peer = udsEcho(Path.of(args[1])); break;
            default: throw new IllegalArgumentException("unknown peer '" + args[0] + "'");
        }
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        peer.close();
        System.exit(0);
    }

    private static AutoCloseable v2eEcho(Path socket, String name) throws Exception {
        V2eClient c = V2eClient.connect(socket);
        c.serve(name, request -> request.payload(), Duration.ofSeconds(10));
        return c;
    }

    private static AutoCloseable natsEcho(String url, String subject) throws Exception {
        Connection nc = Nats.connect(url);
        Dispatcher d = nc.createDispatcher(m -> nc.publish(m.getReplyTo(), m.getData()));
        d.subscribe(subject);
        nc.flush(Duration.ofSeconds(10)); // the subscription is known to the server before we say ready
        return nc;
    }

    private static AutoCloseable udsEcho(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread acceptor = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread t = new Thread(() -> echoLines(ch), "uds-echo-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "uds-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** Writes back every complete line as soon as it is read; a partial line waits for its end. */
    private static void echoLines(SocketChannel ch) {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        try (ch) {
            while (ch.read(buf) >= 0) {
                int lastNewline = -1;
                for (int i = buf.position() - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        lastNewline = i;
                        break;
                    }
                }
                if (lastNewline < 0) {
                    if (!buf.hasRemaining()) {
                        throw new IOException("line longer than " + buf.capacity() + " bytes");
                    }
                    continue;
                }
                int end = buf.position();
                buf.position(0).limit(lastNewline + 1);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                buf.limit(end);
                buf.compact();
            }
        } catch (IOException e) {
            // peer went away: this connection ends
        }
    }
}
