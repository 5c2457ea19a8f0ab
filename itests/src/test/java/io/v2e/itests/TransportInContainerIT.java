package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageType;

/**
 * The transport bundle in Felix with the distribution's bundles: it listens on
 * {@code <v2e.home>/run/v2e.sock} (mode 0600), and a connection that names itself is published as
 * an endpoint service the broker routes to, and withdrawn when it drops.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportInContainerIT {

    @Inject
    private BundleContext context;

    @Inject
    private Broker broker;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    static Path socket() {
        return Path.of(System.getProperty("v2e.home"), "run", "v2e.sock");
    }

    @Test
    public void aNamedConnectionIsAnEndpointServiceTheBrokerRoutesTo() throws Exception {
        Path socket = socket();
        await("the transport listens on " + socket).atMost(V2e.PATIENCE)
                .until(() -> Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket,
                LinkOption.NOFOLLOW_LINKS)));
        try (SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            peer.connect(UnixDomainSocketAddress.of(socket));
            writeLine(peer, "{\"type\":\"request\",\"id\":\"RPCRegister\",\"target\":\"broker\","
                    + "\"payload\":{\"name\":\"it-ext\"},\"correlation_id\":\"r1\"}");
            Message registered = readMessage(peer);
            assertEquals(MessageType.RESPONSE, registered.type());
            assertEquals("r1", registered.correlationId());

            Collection<ServiceReference<Endpoint>> refs = context.getServiceReferences(Endpoint.class,
                    "(" + Endpoint.NAME_PROPERTY + "=it-ext)");
            assertEquals(1, refs.size());
            assertEquals("io.v2e.transport", refs.iterator().next().getBundle().getSymbolicName());

            CompletableFuture<Message> answer = broker.request(Message.request("it", "it-ext", "Echo", "{\"n\":1}",
                    "it-1"));
            Message request = readMessage(peer);
            assertEquals("Echo", request.id());
            assertEquals("{\"n\":1}", request.payload());
            writeLine(peer, request.response("{\"n\":2}").toString());
            assertEquals(new Message(MessageType.RESPONSE, "Echo", "{\"n\":2}", null, "it-ext", "it", "it-1"),
                    answer.get(30, TimeUnit.SECONDS));

            Message listed = broker.request(Message.request("it", "broker", "RPCListEndpoints", "{}", null))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(listed.payload(), listed.payload().contains("{\"name\":\"it-ext\",\"kind\":\"external\""));
        }
        await("it-ext withdrawn").atMost(V2e.PATIENCE).until(() -> {
            try {
                return context.getServiceReferences(Endpoint.class, "(" + Endpoint.NAME_PROPERTY + "=it-ext)").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // A request that raced the withdrawal may still be answered "went away"; the broker must end
        // on "unknown target" and never answer anything else.
        await("the broker answers it-ext as an unknown target").atMost(V2e.PATIENCE).until(() -> {
            String error;
            try {
                error = broker.request(Message.request("it", "it-ext", "Echo", "{}", null)).get(30, TimeUnit.SECONDS).error();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (!error.equals("endpoint 'it-ext' went away") && !error.equals("unknown target 'it-ext'")) {
                throw new AssertionError("unexpected answer for a withdrawn endpoint: " + error);
            }
            return error.equals("unknown target 'it-ext'");
        });
    }

    static void writeLine(SocketChannel ch, String line) throws Exception {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static Message readMessage(SocketChannel ch) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new AssertionError("connection closed");
            }
            byte c = one.get(0);
            if (c == '\n') {
                return MessageCodec.DEFAULT.decode(line.toString(StandardCharsets.UTF_8));
            }
            line.write(c);
        }
    }
}
