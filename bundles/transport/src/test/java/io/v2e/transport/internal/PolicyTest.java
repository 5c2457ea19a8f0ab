package io.v2e.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageCodec;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/** The authorization policy (PID io.v2e.transport.policy): who may send what to whom (issue 16 item 4). */
class PolicyTest {

    @TempDir
    Path dir;
    private TransportFixture fx;
    /** What the endpoint 'billing' received. */
    private final List<Message> billed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fx = new TransportFixture(dir);
        fx.brokerHarness.register("billing", m -> {
            billed.add(m);
            return "\"billed\"";
        });
        fx.brokerHarness.register(TransportRpc.NAME, new TransportRpc(fx.transport::threads,
                () -> TransportStats.json(fx.transport)));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String request(String target, String method, String corr) {
        return "{\"type\":\"request\",\"id\":\"" + method + "\",\"target\":\"" + target + "\",\"payload\":{},"
                + "\"correlation_id\":\"" + corr + "\"}";
    }

    private static AccessPolicy policy(String rules, AccessPolicy.Action otherwise) {
        return AccessPolicy.of(new String[] {rules}, otherwise);
    }

    private long refusals() {
        return fx.transport.counters().policyRefusals.sum();
    }

    @Test
    void withoutRulesEveryoneMayCallAsBefore() throws Exception {
        assertEquals("open (no rules)", fx.transport.policy().describe());
        assertEquals("\"billed\"", fx.client().request("billing", "Charge", "{}", Duration.ofSeconds(20)).payload());
        assertEquals(1, billed.size());
    }

    @Test
    void anAllowedCallerGetsTheAnswerADeniedOneAnErrorAndTheEndpointReceivesNothing() throws Exception {
        fx.transport.policy(policy("allow caller=frontend target=billing; deny target=billing", AccessPolicy.Action.allow));
        V2eClient frontend = fx.client();
        frontend.serve("frontend", m -> "1", Duration.ofSeconds(20));
        assertEquals("\"billed\"", frontend.request("billing", "Charge", "{}", Duration.ofSeconds(20)).payload());

        RawPeer other = fx.raw();
        other.writeLine(request("billing", "Charge", "d1"));
        Message refused = other.readMessage();
        assertEquals(MessageType.ERROR, refused.type());
        assertEquals("Charge", refused.id());
        assertEquals("d1", refused.correlationId());
        assertTrue(refused.error().matches("refused by policy: 'conn-\\d+' \\(user " + System.getProperty("user.name")
                + "\\) may not send Charge to 'billing' \\(rule 2\\)"), refused.error());
        other.writeLine("{\"type\":\"event\",\"id\":\"Tick\",\"target\":\"billing\",\"correlation_id\":\"e1\"}");
        Message eventRefused = other.readMessage();
        assertEquals("e1", eventRefused.correlationId());
        assertTrue(eventRefused.error().startsWith("event refused by policy: 'conn-"), eventRefused.error());

        assertEquals(1, billed.size(), "only the allowed request reached the endpoint");
        assertEquals("frontend", billed.get(0).source());
        assertEquals(2, refusals());
        String stats = fx.client().request("transport", TransportRpc.GET_STATS, "{}", Duration.ofSeconds(20)).payload();
        assertTrue(stats.contains("\"policy_refusals\":2"), stats);
        assertTrue(stats.contains("\"policy\":\"2 rules, default allow\",\"policy_valid\":true"), stats);
        assertEquals(2.0, new TransportMetrics(fx.transport).metrics().stream()
                .filter(m -> m.name().equals("policy_refusals_total")).findFirst().orElseThrow().value());
        assertTrue(fx.transport.describe().contains("policy: 2 rules, default allow, refusals 2"), fx.transport.describe());
    }

    @Test
    void aBrokerRpcCanBeDeniedToConnectionsThatHoldNoName() throws Exception {
        fx.transport.policy(policy("deny caller=conn-* target=broker method=RPCGetMessageCount", AccessPolicy.Action.allow));
        RawPeer unnamed = fx.raw();
        unnamed.writeLine(request("broker", "RPCGetMessageCount", "b1"));
        Message refused = unnamed.readMessage();
        assertEquals(MessageType.ERROR, refused.type());
        assertEquals("b1", refused.correlationId());
        assertTrue(refused.error().endsWith("may not send RPCGetMessageCount to 'broker' (rule 1)"), refused.error());
        // other broker RPCs stay open to it, and a named connection may ask
        unnamed.writeLine(request("broker", "RPCListEndpoints", "b2"));
        assertEquals(MessageType.RESPONSE, unnamed.readMessage().type());
        V2eClient named = fx.client();
        named.serve("monitor", m -> "1", Duration.ofSeconds(20));
        Message count = named.request("broker", "RPCGetMessageCount", "{}", Duration.ofSeconds(20));
        assertEquals(MessageType.RESPONSE, count.type(), count.toString());
        assertEquals(1, refusals());
    }

    @Test
    void aUserRuleRefusesAClientRunAsNobodyWhileTheOwnerPasses() throws Exception {
        Assumptions.assumeTrue(TransportFixture.root(), "needs root to run a peer as nobody");
        fx.transport.policy(policy("deny user=nobody target=billing", AccessPolicy.Action.allow));
        String line = fx.sendAsNobody(dir, request("billing", "Charge", "n1"));
        Message refused = MessageCodec.DEFAULT.decode(line);
        assertEquals(MessageType.ERROR, refused.type(), line);
        assertEquals("n1", refused.correlationId());
        assertTrue(refused.error().matches("refused by policy: 'conn-\\d+' \\(user nobody\\) may not send Charge to "
                + "'billing' \\(rule 1\\)"), refused.error());
        assertTrue(billed.isEmpty());
        assertEquals("\"billed\"", fx.client().request("billing", "Charge", "{}", Duration.ofSeconds(20)).payload());
        assertEquals(1, billed.size());
    }

    @Test
    void aGroupRuleRefusesAClientOfThatGroupWhileOthersPass() throws Exception {
        Assumptions.assumeTrue(TransportFixture.root(), "needs root to run a peer as nobody");
        String group = "nogroup"; // sendAsNobody runs the peer with --regid=nogroup
        fx.transport.policy(policy("deny group=" + group + " target=billing", AccessPolicy.Action.allow));
        Message refused = MessageCodec.DEFAULT.decode(fx.sendAsNobody(dir, request("billing", "Charge", "g1")));
        assertEquals(MessageType.ERROR, refused.type());
        assertTrue(refused.error().endsWith("may not send Charge to 'billing' (rule 1)"), refused.error());
        assertTrue(billed.isEmpty());
        assertEquals("\"billed\"", fx.client().request("billing", "Charge", "{}", Duration.ofSeconds(20)).payload());
        assertEquals(1, billed.size());
    }

    @Test
    void aPolicyChangeAppliesToTheNextMessageWithoutDroppingTheConnection() throws Exception {
        RawPeer p = fx.raw();
        p.writeLine(request("billing", "Charge", "1"));
        assertEquals(MessageType.RESPONSE, p.readMessage().type());
        fx.transport.policy(policy("", AccessPolicy.Action.deny));
        p.writeLine(request("billing", "Charge", "2"));
        Message refused = p.readMessage();
        assertTrue(refused.error().endsWith("(no rule allows it, default_action deny)"), refused.error());
        fx.transport.policy(policy("allow target=billing method=Charge", AccessPolicy.Action.deny));
        p.writeLine(request("billing", "Charge", "3"));
        Message again = p.readMessage();
        assertEquals(MessageType.RESPONSE, again.type());
        assertEquals("3", again.correlationId());
        assertEquals(2, billed.size());
        assertEquals(1, fx.transport.connections().size(), "the same connection throughout");
    }

    /** A PolicyConfig as DS would give it, from raw properties (the way ConfigAdmin hands them over). */
    private static PolicyConfig config(Map<String, Object> props) {
        return (PolicyConfig) Proxy.newProxyInstance(PolicyConfig.class.getClassLoader(), new Class<?>[] {PolicyConfig.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "rules": return new String[] {(String) props.getOrDefault("rules", "")};
                        case "default__action": return AccessPolicy.Action.valueOf((String) props.getOrDefault(
                                "default_action", "allow"));
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void anInvalidPolicyRefusesEveryExternalCallUntilFixedButNamingAndAnswersGoOn() throws Exception {
        Map<String, Object> bad = Map.of("rules", "permit everything");
        fx.transport.policy(TransportGuards.policy(config(bad), bad));
        assertEquals("rule 1 'permit everything' must start with allow or deny", fx.transport.policy().invalidReason());

        V2eClient svc = fx.client();
        svc.serve("svc", m -> "\"svc answered\"", Duration.ofSeconds(20)); // naming is not governed by the policy
        RawPeer p = fx.raw();
        p.writeLine(request("billing", "Charge", "x1"));
        Message refused = p.readMessage();
        assertEquals("x1", refused.correlationId());
        assertEquals("refused: the transport's policy (etc/io.v2e.transport.policy.cfg) is invalid, so every external "
                + "request and event is refused until it is fixed", refused.error());
        assertFalse(refused.error().contains("permit"), "the rule text is not shown to callers");
        // in-container callers are not external: their requests to an external endpoint are answered by it
        assertEquals("\"svc answered\"", fx.broker().request(Message.request("inside", "svc", "M", "{}", null), 20_000)
                .get(20, java.util.concurrent.TimeUnit.SECONDS).payload());
        assertTrue(billed.isEmpty());
        assertTrue(fx.transport.describe().contains("policy: INVALID (rule 1 'permit everything' must start with allow or "
                + "deny): every external request and event is refused"), fx.transport.describe());

        Map<String, Object> badWord = Map.of("default_action", "maybe");
        AccessPolicy p2 = TransportGuards.policy(config(Map.of()), badWord);
        assertEquals("default_action 'maybe' is unknown (expected allow or deny)", p2.invalidReason());

        Map<String, Object> fixed = Map.of("rules", "allow target=billing");
        fx.transport.policy(TransportGuards.policy(config(fixed), fixed));
        assertNull(fx.transport.policy().invalidReason());
        p.writeLine(request("billing", "Charge", "x2"));
        assertEquals(MessageType.RESPONSE, p.readMessage().type());
    }

    @Test
    void malformedRulesAreNamed() {
        assertEquals("rule 2 'deny who=x' : 'who=x' is not caller=, user=, group=, target= or method= with a value".replace(" : ", ": "),
                assertThrows(IllegalArgumentException.class, () -> policy("allow; deny who=x", AccessPolicy.Action.allow))
                        .getMessage());
        assertEquals("rule 1 'deny target=a target=b' names target twice", assertThrows(IllegalArgumentException.class,
                () -> policy("deny target=a target=b", AccessPolicy.Action.allow)).getMessage());
        AccessPolicy glob = policy("deny caller=*-ui target=bill*", AccessPolicy.Action.allow);
        assertTrue(glob.refusal("web-ui", null, "billing", "M") != null);
        assertNull(glob.refusal("web-ui", null, "audit", "M"));
        assertNull(glob.refusal("web-uix", null, "billing", "M"));
    }
}
