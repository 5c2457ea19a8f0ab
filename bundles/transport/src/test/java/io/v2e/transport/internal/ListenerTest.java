package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.client.V2eClient;

class ListenerTest {

    @TempDir
    Path dir;

    @Test
    void socketFileIsReadableAndWritableByItsOwnerOnly() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.socket,
                    LinkOption.NOFOLLOW_LINKS)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.socket.getParent())));
        }
    }

    @Test
    void aClientThatSeesTheSocketFileCanConnect() throws Exception {
        Path socket = dir.resolve("run").resolve("v2e.sock");
        for (int round = 0; round < 20; round++) {
            java.util.concurrent.CompletableFuture<TransportFixture> started =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> new TransportFixture(dir));
            while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                Thread.onSpinWait(); // the moment the file appears, as a polling client would
            }
            try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(socket))) {
                assertTrue(ch.isConnected(), "round " + round);
            } finally {
                started.get().close();
            }
            assertFalse(Files.exists(socket.resolveSibling("v2e.sock.new"), LinkOption.NOFOLLOW_LINKS),
                    "no staging file left");
        }
    }

    @Test
    void socketFileIsRemovedOnStop() throws Exception {
        Path socket;
        try (TransportFixture fx = new TransportFixture(dir)) {
            socket = fx.socket;
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("run").resolve("v2e.sock");
        Files.createDirectories(socket.getParent());
        ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        crashed.bind(UnixDomainSocketAddress.of(socket));
        crashed.close(); // the file stays, as after a crash; nobody listens
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        try (TransportFixture fx = new TransportFixture(dir)) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            assertEquals("1", fx.client().request("echo", "M", "1", Duration.ofSeconds(20)).payload());
        }
    }

    @Test
    void liveBrokerOnTheSocketMakesStartFailWithAClearMessage() throws Exception {
        try (TransportFixture first = new TransportFixture(dir);
                EmbeddedBroker other = TransportFixture.startBroker()) {
            Transport second = new Transport(other, TransportFixture.registrar(other),
                    TransportSettings.defaults(first.socket));
            IllegalStateException e = assertThrows(IllegalStateException.class, second::start);
            assertEquals("cannot listen on " + first.socket + ": another broker is already listening there "
                    + "(stop it, or set socket_path in etc/io.v2e.transport.cfg)", e.getMessage());
            // the first one still serves
            first.brokerHarness.register("echo", TransportFixture.echo());
            assertEquals("2", first.client().request("echo", "M", "2", Duration.ofSeconds(20)).payload());
        }
    }

    @Test
    void aFileThatIsNotASocketIsNeverReplaced() throws Exception {
        Path socket = dir.resolve("v2e.sock");
        Files.writeString(socket, "precious");
        try (EmbeddedBroker b = TransportFixture.startBroker()) {
            Transport t = new Transport(b, TransportFixture.registrar(b), TransportSettings.defaults(socket));
            IllegalStateException e = assertThrows(IllegalStateException.class, t::start);
            assertTrue(e.getMessage().contains("exists and is not a socket"), e.getMessage());
        }
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    void tcpIsOffByDefault() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir)) {
            assertFalse(fx.transport.settings().tcpEnabled());
            assertNull(fx.transport.tcpListener());
            assertThrows(ConnectException.class, () -> SocketChannel.open(new InetSocketAddress("127.0.0.1",
                    TransportSettings.DEFAULT_TCP_PORT)).close());
        }
    }

    @Test
    void tcpListensOnLoopbackOnlyByDefault() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s.withTcp(true, "127.0.0.1", 0),
                TransportFixture.tokenIn(dir))) {
            InetSocketAddress bound = (InetSocketAddress) fx.transport.tcpListener().localAddress();
            assertTrue(bound.getAddress().isLoopbackAddress(), bound.toString());
            fx.brokerHarness.register("echo", TransportFixture.echo());
            try (V2eClient c = V2eClient.connect("127.0.0.1", bound.getPort(), TransportFixture.TOKEN)) {
                assertEquals("3", c.request("echo", "M", "3", Duration.ofSeconds(20)).payload());
            }
            // this host's other addresses do not reach it
            Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
            if (external.isPresent()) {
                assertThrows(ConnectException.class,
                        () -> SocketChannel.open(new InetSocketAddress(external.get(), bound.getPort())).close());
            }
        }
    }

    @Test
    void listenersChangeLiveAndConnectionsOfARemovedListenerAreClosed() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s, TransportFixture.tokenIn(dir))) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            TransportSettings base = fx.transport.settings();
            fx.transport.configure(base.withTcp(true, "127.0.0.1", 0));
            int port = ((InetSocketAddress) fx.transport.tcpListener().localAddress()).getPort();
            V2eClient overTcp = V2eClient.connect("127.0.0.1", port, TransportFixture.TOKEN);
            assertEquals("4", overTcp.request("echo", "M", "4", Duration.ofSeconds(20)).payload());

            Path moved = dir.resolve("other.sock");
            fx.transport.configure(base.withSocket(true, moved));
            assertFalse(Files.exists(fx.socket, LinkOption.NOFOLLOW_LINKS));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(moved)));
            try (V2eClient c = V2eClient.connect(moved)) {
                assertEquals("5", c.request("echo", "M", "5", Duration.ofSeconds(20)).payload());
            }
            await("the TCP client was closed").atMost(TransportFixture.PATIENCE).until(overTcp::isClosed);
            assertEquals("the tcp listener 127.0.0.1:" + port + " was closed by a configuration change",
                    overTcp.lastError());
            assertNull(fx.transport.tcpListener());
            overTcp.close();
        }
    }

    @Test
    void aListenerThatCannotStartLeavesThePreviousOneServing() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s, TransportFixture.tokenIn(dir));
                ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int busy = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> fx.transport.configure(fx.transport.settings().withTcp(true, "127.0.0.1", busy)));
            assertTrue(e.getMessage().startsWith("cannot listen on TCP 127.0.0.1:" + busy), e.getMessage());
            assertFalse(fx.transport.settings().tcpEnabled());
            fx.brokerHarness.register("echo", TransportFixture.echo());
            assertEquals("6", fx.client().request("echo", "M", "6", Duration.ofSeconds(20)).payload());
        }
    }

    @Test
    void pastMaxConnectionsANewConnectionGetsAnErrorLineAndIsClosed() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s.withLimits(s.maxFrameBytes(), 2,
                s.outboundQueueBytes(), s.outboundQueueMessages(), s.outboundPolicy()))) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            V2eClient a = fx.client();
            V2eClient b = fx.client();
            assertEquals("7", a.request("echo", "M", "7", Duration.ofSeconds(20)).payload());
            assertEquals("8", b.request("echo", "M", "8", Duration.ofSeconds(20)).payload());
            RawPeer third = fx.raw();
            assertEquals(new Message(MessageType.ERROR, "", null, "too many connections: max_connections 2 reached",
                    "broker", null, null), third.readMessage());
            assertNull(third.readLine()); // closed
            a.close();
            await("a's connection is gone").atMost(TransportFixture.PATIENCE)
                    .until(() -> fx.transport.connections().size() == 1);
            V2eClient fourth = fx.client();
            assertEquals("9", fourth.request("echo", "M", "9", Duration.ofSeconds(20)).payload());
        }
    }


}
