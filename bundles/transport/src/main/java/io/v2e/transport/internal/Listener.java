package io.v2e.transport.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One listening socket (UNIX domain or TCP) and the thread that accepts on it.
 * <p>
 * Threading: created and closed by the transport under its lock; {@link #run} is the accept thread,
 * which hands each new channel to the transport.
 */
final class Listener implements Runnable {

    private static final Logger LOG = System.getLogger("io.v2e.transport");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    final String kind;
    final String address;
    private final ServerSocketChannel server;
    private final Path socketFile;
    /** Identity (device, inode) of the socket file this listener created, so close removes only its own. */
    private final Object socketKey;
    private final BiConsumer<Listener, SocketChannel> onAccept;
    private final Thread thread;
    private volatile boolean closed;

    private Listener(String kind, String address, ServerSocketChannel server, Path socketFile,
            BiConsumer<Listener, SocketChannel> onAccept) throws IOException {
        this.kind = kind;
        this.address = address;
        this.server = server;
        this.socketFile = socketFile;
        this.socketKey = socketFile == null ? null : fileKey(socketFile);
        this.onAccept = onAccept;
        this.thread = new Thread(this, "v2e-transport-accept-" + kind);
        this.thread.setDaemon(true);
    }

    /**
     * Binds the UNIX domain socket at {@code path} with mode 0600. A socket file nobody listens on
     * (left by a crash) is replaced.
     *
     * @throws IllegalStateException when a live process listens there, or the path is not a socket
     * @throws IOException           when binding fails otherwise
     */
    static Listener unix(Path path, BiConsumer<Listener, SocketChannel> onAccept) throws IOException {
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            trySetPermissions(parent, OWNER_DIR); // the run/ folder we create is ours alone
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocket(path)) {
                throw new IllegalStateException("cannot listen on " + path + ": it exists and is not a socket "
                        + "(refusing to replace it; remove it or set socket_path in etc/io.v2e.transport.cfg)");
            }
            if (someoneListens(path)) {
                throw new IllegalStateException("cannot listen on " + path + ": another broker is already listening "
                        + "there (stop it, or set socket_path in etc/io.v2e.transport.cfg)");
            }
            Files.delete(path);
            LOG.log(Level.INFO, "replaced the stale socket file {0} (nobody listened on it)", path);
        }
        // Bound, listening and 0600 under a temporary name first, then renamed into place: a client
        // that sees the socket file can connect (no bind-to-listen window answering ECONNREFUSED) and
        // nobody else can open it in the moment before the chmod.
        Path staging = path.resolveSibling(path.getFileName() + ".new");
        Files.deleteIfExists(staging);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(staging), 128);
            Files.setPosixFilePermissions(staging, OWNER_ONLY);
            Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE);
            return new Listener("unix", path.toString(), server, path, onAccept);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(staging);
            throw e;
        }
    }

    /** Binds TCP on {@code host:port} (port 0: any free port). */
    static Listener tcp(String host, int port, BiConsumer<Listener, SocketChannel> onAccept) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            server.bind(new InetSocketAddress(host, port), 128);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            return new Listener("tcp", bound.getAddress().getHostAddress() + ":" + bound.getPort(), server, null,
                    onAccept);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    private static boolean someoneListens(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false; // ECONNREFUSED: a socket file without a listener
        }
    }

    private static void trySetPermissions(Path path, Set<PosixFilePermission> perms) {
        try {
            Files.setPosixFilePermissions(path, perms);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "could not restrict {0} to its owner: {1}", path, e);
        }
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // e.g. EMFILE: log, breathe, go on (the listener must outlive a burst)
                LOG.log(Level.WARNING, "{0} listener {1}: accept failed: {2}", kind, address, e);
                sleepQuietly(50);
                continue;
            }
            onAccept.accept(this, ch);
        }
    }

    /** Stops accepting and removes the socket file if it is still the one this listener created. */
    void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing {0} listener {1}: {2}", kind, address, e);
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socketFile != null) {
            try {
                if (Files.exists(socketFile, LinkOption.NOFOLLOW_LINKS) && socketKey != null
                        && socketKey.equals(fileKey(socketFile))) {
                    Files.delete(socketFile);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not remove socket file {0}: {1}", socketFile, e);
            }
        }
    }

    /** The bound address (for TCP with port 0, the port chosen). */
    SocketAddress localAddress() throws IOException {
        return server.getLocalAddress();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return kind + " " + address;
    }
}
