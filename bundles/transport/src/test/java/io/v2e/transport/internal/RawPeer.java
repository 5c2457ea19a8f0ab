package io.v2e.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;

/** A peer that writes raw bytes and reads lines itself: for frames no well-behaved client would send. */
final class RawPeer implements AutoCloseable {

    final SocketChannel channel;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raw-peer-reader");
        t.setDaemon(true);
        return t;
    });

    private RawPeer(SocketChannel channel) {
        this.channel = channel;
    }

    static RawPeer unix(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return new RawPeer(ch);
    }

    static RawPeer tcp(InetSocketAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open(address);
        return new RawPeer(ch);
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    void writeLine(String line) throws IOException {
        write(line + "\n");
    }

    /** The next line (without newline), or null at end of stream; fails after 20 s. */
    String readLine() throws Exception {
        Future<String> f = reader.submit(this::readLineNow);
        return f.get(20, TimeUnit.SECONDS);
    }

    Message readMessage() throws Exception {
        String line = readLine();
        if (line == null) {
            throw new AssertionError("connection closed, no message");
        }
        return MessageCodec.DEFAULT.decode(line);
    }

    /** Reader thread only: bytes read past the last line returned. */
    private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024).flip();

    private String readLineNow() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (true) {
            while (pending.hasRemaining()) {
                byte c = pending.get();
                if (c == '\n') {
                    return b.toString(StandardCharsets.UTF_8);
                }
                b.write(c);
            }
            pending.clear();
            int n = channel.read(pending);
            pending.flip();
            if (n < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.shutdownNow();
        channel.close();
    }
}
