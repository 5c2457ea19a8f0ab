package io.v2e.broker.internal;

import static io.v2e.broker.internal.RouterTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.BrokerRpcExtension;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.tuning.api.CpuSet;

/** Broker methods contributed by other bundles (BrokerRpcExtension), served under target broker. */
class RpcExtensionTest {

    private final RpcExtensions extensions = new RpcExtensions();
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.stop();
        }
    }

    private Message call(String method) throws Exception {
        if (router == null) {
            router = new Router(BrokerSettings.DEFAULTS.withWorkers(1), new RecordingProvider("fake", CpuSet.of(0)), "x-",
                    extensions);
        }
        return get(router.request(Message.request("cli", "broker", method, "{\"n\":1}", "c-7")));
    }

    @Test
    void aContributedMethodIsAnsweredWithTheCallersIdAndCorrelationId() throws Exception {
        extensions.add(m -> "{\"echo\":" + m.payload() + "}", List.of("RPCEcho"));
        Message answer = call("RPCEcho");
        assertEquals(MessageType.RESPONSE, answer.type(), answer::toString);
        assertEquals("RPCEcho", answer.id());
        assertEquals("c-7", answer.correlationId());
        assertEquals("{\"echo\":{\"n\":1}}", answer.payload());
    }

    @Test
    void aContributedMethodThatThrowsIsAnsweredWithItsMessage() throws Exception {
        extensions.add(m -> {
            throw new IllegalArgumentException("missing field 'id'");
        }, List.of("RPCFail"));
        Message answer = call("RPCFail");
        assertEquals(MessageType.ERROR, answer.type());
        assertEquals("missing field 'id'", answer.error());
    }

    @Test
    void builtInAndHeldMethodsAreNotTakenOver() throws Exception {
        BrokerRpcExtension first = m -> "1";
        assertEquals(List.of(), extensions.add(first, List.of("RPCMine")));
        assertEquals(List.of("RPCGetMessageCount", "RPCMine"),
                extensions.add(m -> "2", List.of("RPCGetMessageCount", "RPCMine")));
        assertEquals("1", call("RPCMine").payload());
        assertTrue(call("RPCGetMessageCount").payload().contains("\"count\""));
    }

    @Test
    void aRemovedExtensionsMethodIsUnknownAgainAndListedNoMore() throws Exception {
        BrokerRpcExtension ext = m -> "1";
        extensions.add(ext, List.of("RPCGone"));
        extensions.remove(ext);
        Message answer = call("RPCGone");
        assertEquals(MessageType.ERROR, answer.type());
        assertEquals("unknown broker method 'RPCGone' (known: RPCGetMessageStats, RPCGetMessageCount, "
                + "RPCListEndpoints, RPCGetWorkers)", answer.error());
    }
}
