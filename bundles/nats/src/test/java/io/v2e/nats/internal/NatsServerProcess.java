package io.v2e.nats.internal;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real nats-server on 127.0.0.1 for one test, started and stopped by it (loopback only). */
final class NatsServerProcess implements AutoCloseable {

    final int port;
    private final Process process;

    private NatsServerProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static NatsServerProcess start() throws IOException, InterruptedException {
        return startOn(freePort());
    }

    /** On a given port (a restart of the same server). */
    static NatsServerProcess startOn(int port) throws IOException, InterruptedException {
        return startOn(port, List.of());
    }

    /** With more nats-server options (--user/--pass, --auth, --tls ...). */
    static NatsServerProcess startOn(int port, List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port)));
        cmd.addAll(options);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File("target/nats-server-" + port + ".log")).start();
        NatsServerProcess s = new NatsServerProcess(port, p);
        s.awaitListening();
        return s;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with " + process.exitValue() + " (see target/nats-server-" + port + ".log)");
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nats-server did not listen on " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
