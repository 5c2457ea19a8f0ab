package io.v2e.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections are multiplexed on the I/O loops: the process's thread count does not grow with them. */
class ThreadCountTest {

    private static final int CONNECTIONS = 500;

    @TempDir
    Path dir;

    @Test
    void fiveHundredConnectionsAddNoThreadToTheProcess() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir)) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            List<SocketChannel> open = new ArrayList<>();
            try {
                roundTrip(connect(fx, open), 0); // everything the first request needs is started
                long before = tasks().size();
                List<String> transportBefore = transportThreads();
                for (int i = 1; i < CONNECTIONS; i++) {
                    roundTrip(connect(fx, open), i); // each connection is served, not merely accepted
                }
                assertEquals(CONNECTIONS, fx.transport.connections().size());
                long after = tasks().size();
                // the transport's own threads: the loops and the accept thread, the same before and after
                assertEquals(transportBefore, transportThreads());
                assertEquals(fx.transport.loops().size() + 1, transportThreads().size(), transportThreads().toString());
                // the whole process (JIT compiler threads come and go): nowhere near one per connection
                assertTrue(after - before < 20, "threads before " + before + ", with " + CONNECTIONS
                        + " connections " + after);
            } finally {
                for (SocketChannel c : open) {
                    c.close();
                }
            }
        }
    }

    private static SocketChannel connect(TransportFixture fx, List<SocketChannel> open) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        open.add(c);
        c.connect(UnixDomainSocketAddress.of(fx.socket));
        return c;
    }

    /** One request and its answer on the calling thread (blocking socket, no reader thread). */
    private static void roundTrip(SocketChannel c, int i) throws IOException {
        byte[] line = ("{\"type\":\"request\",\"id\":\"M\",\"target\":\"echo\",\"correlation_id\":\"c" + i
                + "\",\"payload\":" + i + "}\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.wrap(line);
        while (out.hasRemaining()) {
            c.write(out);
        }
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (true) {
            if (c.read(in) < 0) {
                throw new IOException("closed before the answer");
            }
            String got = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            if (got.endsWith("\n")) {
                assertTrue(got.contains("\"correlation_id\":\"c" + i + "\"") && got.contains("\"response\""), got);
                return;
            }
        }
    }

    private static List<Path> tasks() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            return s.toList();
        }
    }

    /** Kernel names (comm, 15 characters) of this process's threads that belong to the transport. */
    private static List<String> transportThreads() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path t : tasks()) {
            try {
                String comm = Files.readString(t.resolve("comm")).trim();
                if (comm.startsWith("v2e-transport")) {
                    names.add(comm);
                }
            } catch (IOException e) {
                // thread gone meanwhile
            }
        }
        names.sort(null);
        return names;
    }
}
