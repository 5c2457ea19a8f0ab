package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/** TCP needs the shared token in the first line; without one configured it does not start (issue 16). */
class TcpAuthenticationTest {

    @TempDir
    Path dir;

    @Test
    void withoutATokenFileTcpDoesNotStartAndTheSocketServesOn() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s.withTcp(true, "127.0.0.1", 0))) {
            assertNull(fx.transport.tcpListener());
            assertFalse(fx.transport.settings().tcpEnabled());
            fx.brokerHarness.register("echo", TransportFixture.echo());
            assertEquals("1", fx.client().request("echo", "M", "1", Duration.ofSeconds(20)).payload());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> fx.transport.configure(fx.transport.settings().withTcp(true, "127.0.0.1", 0)));
            assertTrue(e.getMessage().contains("not started: tcp_enabled needs tcp_token_file"), e.getMessage());
            assertNull(fx.transport.tcpListener());
        }
    }

    private static InetSocketAddress tcpOf(TransportFixture fx) throws IOException {
        return (InetSocketAddress) fx.transport.tcpListener().localAddress();
    }

    @Test
    void aFirstLineWithoutTheTokenIsRefusedAndTheConnectionClosed() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s.withTcp(true, "127.0.0.1", 0),
                TransportFixture.tokenIn(dir))) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            RawPeer p = RawPeer.tcp(tcpOf(fx));
            p.writeLine("{\"type\":\"request\",\"id\":\"M\",\"target\":\"echo\",\"payload\":1,\"correlation_id\":\"a\"}");
            Message refused = p.readMessage();
            assertEquals(MessageType.ERROR, refused.type());
            assertTrue(refused.error().startsWith("authentication required: the first line on TCP must be an "
                    + "RPCAuthenticate request"), refused.error());
            assertNull(p.readLine(), "closed after the refusal");
            p.close();
            assertEquals(0, fx.brokerHarness.stats().endpoints().stream().filter(e -> e.name().equals("echo"))
                    .findFirst().orElseThrow().received(), "nothing reached the endpoint");
        }
    }

    @Test
    void aWrongTokenIsRefusedWithoutEchoingItAndTheRightOneWorks() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir, s -> s.withTcp(true, "127.0.0.1", 0),
                TransportFixture.tokenIn(dir))) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            int port = tcpOf(fx).getPort();
            IOException e = assertThrows(IOException.class,
                    () -> V2eClient.connect("127.0.0.1", port, "wrong-token-guessed-0000"));
            assertEquals("TCP authentication to 127.0.0.1:" + port + " refused: authentication failed",
                    e.getMessage());
            try (V2eClient c = V2eClient.connect("127.0.0.1", tcpOf(fx).getPort(), TransportFixture.TOKEN)) {
                assertEquals("7", c.request("echo", "M", "7", Duration.ofSeconds(20)).payload());
            }
        }
    }

    @Test
    void aShortOrMissingTokenFileIsRefusedWithoutShowingItsContent() throws Exception {
        Path file = dir.resolve("short.token");
        Files.writeString(file, "tiny\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretToken.read(file, "tcp_token_file"));
        assertEquals("tcp_token_file " + file + ": the first line must hold a token of at least 16 characters",
                e.getMessage());
        assertFalse(e.getMessage().contains("tiny"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecretToken.read(dir.resolve("none"), "tcp_token_file"))
                .getMessage().endsWith("cannot be read: NoSuchFileException"));
    }
}
