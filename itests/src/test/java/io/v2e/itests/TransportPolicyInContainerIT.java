package io.v2e.itests;

import static io.v2e.itests.TransportInContainerIT.readMessage;
import static io.v2e.itests.TransportInContainerIT.socket;
import static io.v2e.itests.TransportInContainerIT.writeLine;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * The transport's policy (PID io.v2e.transport.policy) through ConfigAdmin in the container: a
 * change applies live to an open connection, an invalid policy refuses every external request
 * until it is fixed, and the connection survives all of it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportPolicyInContainerIT {

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    private void policy(String rules, String defaultAction) throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("rules", rules);
        p.put("default_action", defaultAction);
        configAdmin.getConfiguration("io.v2e.transport.policy", "?").update(p);
    }

    /** Asks RPCGetMessageCount on {@code peer} until the answer's type is {@code expected} (the update is asynchronous). */
    private static Message countUntil(SocketChannel peer, MessageType expected) {
        Message[] last = new Message[1];
        await("RPCGetMessageCount answered with " + expected).atMost(V2e.PATIENCE).until(() -> {
            writeLine(peer, "{\"type\":\"request\",\"id\":\"RPCGetMessageCount\",\"target\":\"broker\",\"correlation_id\":\"q\"}");
            last[0] = readMessage(peer);
            return last[0].type() == expected;
        });
        return last[0];
    }

    @Test
    public void policyChangesApplyLiveAndAnInvalidOneFailsClosed() throws Exception {
        await("the transport listens").atMost(V2e.PATIENCE).until(() -> Files.exists(socket(), LinkOption.NOFOLLOW_LINKS));
        try (SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            peer.connect(UnixDomainSocketAddress.of(socket()));
            countUntil(peer, MessageType.RESPONSE); // open by default

            policy("deny caller=conn-* target=broker method=RPCGetMessageCount", "allow");
            Message refused = countUntil(peer, MessageType.ERROR);
            assertEquals("q", refused.correlationId());
            assertTrue(refused.error(), refused.error().startsWith("refused by policy: 'conn-"));
            assertTrue(refused.error(), refused.error().endsWith("may not send RPCGetMessageCount to 'broker' (rule 1)"));

            policy("permit everything", "allow");
            await("the invalid policy refuses").atMost(V2e.PATIENCE).until(() -> {
                writeLine(peer, "{\"type\":\"request\",\"id\":\"RPCListEndpoints\",\"target\":\"broker\",\"correlation_id\":\"l\"}");
                Message m = readMessage(peer);
                return m.type() == MessageType.ERROR && m.error().startsWith("refused: the transport's policy");
            });

            policy("", "allow");
            countUntil(peer, MessageType.RESPONSE); // the same connection throughout
        } finally {
            configAdmin.getConfiguration("io.v2e.transport.policy", "?").delete();
        }
    }
}
