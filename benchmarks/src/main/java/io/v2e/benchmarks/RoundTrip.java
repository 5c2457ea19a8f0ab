package io.v2e.benchmarks;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/**
 * One client of the socket section: sends request number {@code seq} and waits for its answer,
 * failing when the answer is not that request's own (an error, a lost or a crossed answer).
 * Threading: one thread per instance.
 */
interface RoundTrip extends AutoCloseable {

    /** The echo endpoint's name (v2e) / subject (NATS). */
    String ENDPOINT = "bench-echo";
    String SUBJECT = "bench.echo";
    Duration TIMEOUT = Duration.ofSeconds(10);

    void call(long seq) throws Exception;

    /** A ~100-byte JSON object, distinct for every (client, seq): an answer that carries it is that request's own. */
    static String payload(int client, long seq) {
        StringBuilder b = new StringBuilder(100).append("{\"client\":").append(client).append(",\"seq\":").append(seq)
                .append(",\"pad\":\"");
        while (b.length() < 98) {
            b.append((char) ('a' + b.length() % 26));
        }
        return b.append("\"}").toString();
    }

    /** The project's client, what a user would use: {@link V2eClient#request} and wait. */
    final class V2e implements RoundTrip {
        private final int client;
        private final V2eClient c;

        V2e(int client, Path socket) throws IOException {
            this.client = client;
            this.c = V2eClient.connect(socket);
        }

        @Override
        public void call(long seq) throws Exception {
            String p = payload(client, seq);
            io.v2e.broker.api.Message answer = c.request(ENDPOINT, "echo", p, TIMEOUT);
            if (answer.type() != MessageType.RESPONSE || !p.equals(answer.payload())) {
                throw new IllegalStateException("client " + client + " request " + seq + " got a wrong answer: " + answer);
            }
        }

        @Override
        public void close() throws IOException {
            c.close();
        }
    }

    /**
     * Raw NDJSON over a UNIX socket, write a line then read a line on the calling thread: the v2e
     * request line to the container (answer must be a response carrying the payload), or the same
     * line to the bare echo server (answer must be the line itself).
     */
    final class RawLine implements RoundTrip {
        private static final byte[] RESPONSE_START = "{\"type\":\"response\"".getBytes(StandardCharsets.US_ASCII);
        private final int client;
        private final boolean v2e;
        private final SocketChannel ch;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

        RawLine(int client, Path socket, boolean v2e) throws IOException {
            this.client = client;
            this.v2e = v2e;
            this.ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        }

        @Override
        public void call(long seq) throws Exception {
            String p = payload(client, seq);
            byte[] line = ("{\"type\":\"request\",\"id\":\"echo\",\"payload\":" + p + ",\"target\":\"" + ENDPOINT
                    + "\",\"correlation_id\":\"r" + seq + "\"}\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.wrap(line);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            int end = readLine();
            byte[] answer = Arrays.copyOf(in.array(), end);
            in.limit(in.position()).position(end + 1);
            in.compact(); // keeps whatever followed the line (nothing, with one request in flight)
            boolean ok = v2e ? startsWith(answer, RESPONSE_START) && contains(answer, p.getBytes(StandardCharsets.UTF_8))
                    : Arrays.equals(answer, 0, answer.length, line, 0, line.length - 1);
            if (!ok) {
                throw new IllegalStateException("client " + client + " request " + seq + " got a wrong answer: "
                        + new String(answer, StandardCharsets.UTF_8));
            }
        }

        /** Reads until a newline; returns its index (the line is in[0, index)). */
        private int readLine() throws IOException {
            int scanned = 0;
            while (true) {
                for (int i = scanned; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        return i;
                    }
                }
                scanned = in.position();
                if (!in.hasRemaining()) {
                    throw new IOException("answer longer than " + in.capacity() + " bytes");
                }
                if (ch.read(in) < 0) {
                    throw new IOException("connection closed while waiting for an answer");
                }
            }
        }

        private static boolean startsWith(byte[] a, byte[] prefix) {
            return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
        }

        private static boolean contains(byte[] a, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= a.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (a[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    /** The Java NATS client (jnats), one connection per client: {@link Connection#request} and wait. */
    final class NatsRequest implements RoundTrip {
        private final int client;
        private final Connection nc;

        NatsRequest(int client, String url) throws IOException, InterruptedException {
            this.client = client;
            this.nc = Nats.connect(url);
        }

        @Override
        public void call(long seq) throws Exception {
            byte[] p = payload(client, seq).getBytes(StandardCharsets.UTF_8);
            Message answer = nc.request(SUBJECT, p, TIMEOUT);
            if (answer == null || !Arrays.equals(p, answer.getData())) {
                throw new IllegalStateException("client " + client + " request " + seq + " got a wrong answer: "
                        + (answer == null ? "none within " + TIMEOUT : new String(answer.getData(), StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void close() throws InterruptedException {
            nc.close();
        }
    }
}
