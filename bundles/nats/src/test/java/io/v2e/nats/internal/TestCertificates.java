package io.v2e.nats.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made at test time with openssl and keytool (both installed): a PEM key
 * and certificate for nats-server, a PKCS12 trust store holding the certificate and a PKCS12 key
 * store holding key and certificate, for jnats. Valid for 127.0.0.1 and localhost.
 */
record TestCertificates(Path key, Path cert, Path trustStore, Path keyStore) {

    static final String PASSWORD = "changeit";

    static TestCertificates create(Path dir, String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name + "-key.pem");
        Path cert = dir.resolve(name + "-cert.pem");
        Path trust = dir.resolve(name + "-trust.p12");
        Path keys = dir.resolve(name + "-keys.p12");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=" + name, "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        run(List.of("keytool", "-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-keystore",
                trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        run(List.of("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-name", name,
                "-out", keys.toString(), "-passout", "pass:" + PASSWORD));
        return new TestCertificates(key, cert, trust, keys);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd.get(0) + " failed: " + out);
        }
    }
}
