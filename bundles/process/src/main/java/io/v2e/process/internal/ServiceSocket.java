package io.v2e.process.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The per-service UNIX socket of socket mode, {@code <socket_base>_<NAME>.sock}: as in v2e's
 * broker, the container listens and the service connects. The socket is bound inside a fresh
 * mode-0700 folder, set to 0600 there, then renamed into place, so no other user can connect in
 * the moment between bind and chmod. Threading: the service's supervisor thread.
 */
final class ServiceSocket implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel server;

    private ServiceSocket(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    static ServiceSocket listen(Path path) throws IOException {
        Path dir = Files.createTempDirectory(path.getParent(), "." + path.getFileName() + ".",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = dir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            // rename(2): atomic, and it replaces a stale socket file of an earlier run
            Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(bound);
            throw e;
        } finally {
            Files.deleteIfExists(dir);
        }
        server.configureBlocking(false);
        return new ServiceSocket(path, server);
    }

    Path path() {
        return path;
    }

    /**
     * Waits up to {@code timeoutMs} for the child to connect, giving up early when {@code alive}
     * says the child has gone.
     *
     * @return the connection (blocking mode), or null on timeout / child gone
     */
    SocketChannel accept(long timeoutMs, java.util.function.BooleanSupplier alive) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            SocketChannel c = server.accept();
            if (c != null) {
                c.configureBlocking(true);
                return c;
            }
            Thread.sleep(5); // startup path only
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing more to release
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a later listen replaces it
        }
    }
}
