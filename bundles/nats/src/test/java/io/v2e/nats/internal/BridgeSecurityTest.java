package io.v2e.nats.internal;

import static io.v2e.nats.internal.BridgeTest.ask;
import static io.v2e.nats.internal.BridgeTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.EndpointKind;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.nats.internal.BridgeTest.Host;
import io.v2e.nats.internal.BridgeTest.HostEcho;

/**
 * Credentials and TLS against real nats-servers that require them (user/password, token, TLS with a
 * certificate made at test time, client certificates): the bridge gets through with the right
 * settings; with wrong ones it is refused, nats:status names the refusal and callers' error answers
 * name it too.
 */
class BridgeSecurityTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // stopped by the test already
            }
        }
    }

    private NatsServerProcess server(int port, String... options) throws Exception {
        NatsServerProcess s = NatsServerProcess.startOn(port, List.of(options));
        closing.add(s);
        return s;
    }

    private NatsServerProcess server(String... options) throws Exception {
        return server(NatsServerProcess.freePort(), options);
    }

    private Host host(String name, String url, Map<String, Object> settings, Map<String, Endpoint> endpoints) {
        return BridgeTest.host(name, url, settings, endpoints, closing);
    }

    /** a and b on {@code url} with the same settings; a's request to echo@b must be answered by b. */
    private Host answeredAcross(String url, Map<String, Object> settings) throws Exception {
        Host a = host("a", url, settings, Map.of());
        host("b", url, settings, Map.of("echo", new HostEcho("b")));
        await("echo@b known on a", () -> a.broker().endpointKind("echo@b") == EndpointKind.REMOTE);
        Message answer = ask(a.broker(), "echo@b", "{\"n\":1}");
        assertEquals(MessageType.RESPONSE, answer.type(), answer.error());
        assertTrue(answer.payload().startsWith("{\"host\":\"b\""), answer.payload());
        return a;
    }

    private static String awaitRefusal(Host h, String expected) {
        await("the refusal in nats:status", () -> h.bridge().status().lastError() != null
                && h.bridge().status().lastError().contains(expected));
        BridgeStatus st = h.bridge().status();
        assertTrue(!st.connection().equals("connected"), st.connection());
        assertTrue(st.toText().contains("last error " + st.lastError()), st.toText());
        return st.lastError();
    }

    @Test
    void userAndPasswordTheServerRequiresLetTheBridgeThrough() throws Exception {
        NatsServerProcess s = server("--user", "v2e", "--pass", "s3cret");
        Host a = answeredAcross(s.url(), Map.of("username", "v2e", "password", "s3cret"));
        assertEquals("connected", a.bridge().status().connection());
        assertNull(a.bridge().status().lastError());
    }

    @Test
    void wrongPasswordIsRefusedAndNatsStatusNamesTheRefusal() throws Exception {
        NatsServerProcess s = server("--user", "v2e", "--pass", "s3cret");
        Host a = host("a", s.url(), Map.of("username", "v2e", "password", "wrong"), Map.of());
        String error = awaitRefusal(a, "Authorization Violation");
        assertTrue(error.startsWith("server error: "), error);
    }

    @Test
    void callersGetAnErrorNamingTheRefusalWhenTheServerNoLongerAcceptsTheCredentials() throws Exception {
        int port = NatsServerProcess.freePort();
        NatsServerProcess s = server(port, "--user", "v2e", "--pass", "old");
        // heartbeats every minute: b stays registered on a while the credentials are refused
        Map<String, Object> old = Map.of("username", "v2e", "password", "old", "heartbeat_ms", "60000");
        Host a = answeredAcross(s.url(), old);
        s.close();
        server(port, "--user", "v2e", "--pass", "new"); // the password was rotated on the server
        awaitRefusal(a, "Authorization Violation");
        Message answer = ask(a.broker(), "echo@b", "{}");
        assertEquals(MessageType.ERROR, answer.type());
        assertTrue(answer.error().contains("'echo@b'") && answer.error().contains("last error: server error: ")
                && answer.error().contains("Authorization Violation"), answer.error());
    }

    @Test
    void tokenTheServerRequiresLetsTheBridgeThrough() throws Exception {
        NatsServerProcess s = server("--auth", "t0ken");
        answeredAcross(s.url(), Map.of("token", "t0ken"));
    }

    @Test
    void wrongTokenIsRefusedAndNatsStatusNamesTheRefusal() throws Exception {
        NatsServerProcess s = server("--auth", "t0ken");
        awaitRefusal(host("a", s.url(), Map.of("token", "other"), Map.of()), "Authorization Violation");
    }

    private Map<String, Object> trusting(TestCertificates certs) {
        Map<String, Object> m = new HashMap<>();
        m.put("tls", "true");
        m.put("tls_truststore", certs.trustStore().toString());
        m.put("tls_truststore_password", TestCertificates.PASSWORD);
        return m;
    }

    @Test
    void tlsWithTheServersCertificateInTheTrustStoreBridgesRequests() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "server");
        NatsServerProcess s = server("--tls", "--tlscert", certs.cert().toString(), "--tlskey", certs.key().toString());
        Host a = answeredAcross("tls://127.0.0.1:" + s.port, trusting(certs));
        assertEquals("tls://127.0.0.1:" + s.port, a.bridge().status().connectedUrl());
    }

    @Test
    void tlsServerWhoseCertificateIsNotTrustedIsRefusedAndNamed() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "server");
        NatsServerProcess s = server("--tls", "--tlscert", certs.cert().toString(), "--tlskey", certs.key().toString());
        // tls without a trust store: the JVM's default trust, which does not know this self-signed certificate
        String error = awaitRefusal(host("a", "tls://127.0.0.1:" + s.port, Map.of(), Map.of()), "SSLHandshakeException");
        assertTrue(error.contains("unable to find valid certification path"), error);
    }

    @Test
    void plainConnectionToAServerThatRequiresTlsIsRefusedAndNamed() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "server");
        NatsServerProcess s = server("--tls", "--tlscert", certs.cert().toString(), "--tlskey", certs.key().toString());
        assertEquals("IOException: SSL required by server.", awaitRefusal(host("a", s.url(), Map.of(), Map.of()), "SSL"));
    }

    @Test
    void clientCertificateFromTheKeyStoreIsAcceptedByAServerThatVerifiesClients() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "server");
        TestCertificates client = TestCertificates.create(dir, "client");
        NatsServerProcess s = server("--tlsverify", "--tlscert", server.cert().toString(), "--tlskey",
                server.key().toString(), "--tlscacert", client.cert().toString());
        Map<String, Object> m = trusting(server);
        m.put("tls_keystore", client.keyStore().toString());
        m.put("tls_keystore_password", TestCertificates.PASSWORD);
        answeredAcross("tls://127.0.0.1:" + s.port, m);
    }

    @Test
    void serverThatVerifiesClientsRefusesABridgeWithoutAClientCertificate() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "server");
        TestCertificates client = TestCertificates.create(dir, "client");
        NatsServerProcess s = server("--tlsverify", "--tlscert", server.cert().toString(), "--tlskey",
                server.key().toString(), "--tlscacert", client.cert().toString());
        Host a = host("a", "tls://127.0.0.1:" + s.port, trusting(server), Map.of());
        await("a refusal in nats:status", () -> a.bridge().status().lastError() != null);
        assertTrue(!a.bridge().status().connection().equals("connected"), a.bridge().status().connection());
    }
}
