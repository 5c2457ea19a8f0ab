package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.Outcome;

/**
 * The {@code ssg} endpoint behind the real broker in Felix: requests to target {@code ssg} are
 * answered with the parse summary, the resolved profile and the rule, and a bad request with an
 * ERROR naming the problem; and the parser service gives its kernel hints through the jnr provider.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SsgBrokerEndpointIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STIG = "xccdf_org.ssgproject.content_profile_stig";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    /** {@code <v2e.home>/content}: one of the ssg endpoint's default content roots. */
    private static Path contentRoot() {
        return Path.of(System.getProperty("v2e.home"), "content");
    }

    /** The vendored sample (from the ssg-bundle sources; this test runs in the itests folder), copied below a content root. */
    private static String sample() throws Exception {
        Path copy = contentRoot().resolve("ssg-chromium-ds.xml");
        if (!Files.exists(copy)) {
            Files.createDirectories(contentRoot());
            Files.copy(Path.of("../ssg-bundle/src/main/resources/sample/ssg-chromium-ds.xml"), copy);
        }
        return copy.toAbsolutePath().normalize().toString();
    }

    private Message request(String method, String payload) throws Exception {
        ServiceTracker<Broker, Broker> tracker = new ServiceTracker<>(context, Broker.class, null);
        tracker.open();
        try {
            Broker broker = tracker.waitForService(10_000);
            assertNotNull("the broker service is up", broker);
            return broker.request(Message.request("it", "ssg", method, payload, null), 30_000).get(40, TimeUnit.SECONDS);
        } finally {
            tracker.close();
        }
    }

    @Test
    public void parseIsAnsweredWithTheSummary() throws Exception {
        Message answer = request("RPCSSGParse", "{\"file_path\":\"" + sample() + "\"}");
        assertEquals(answer.toString(), MessageType.RESPONSE, answer.type());
        assertEquals("RPCSSGParse", answer.id());
        JsonNode json = JSON.readTree(answer.payload());
        assertEquals("Source Data Stream", json.get("document_type").asText());
        assertEquals(37, json.get("counts").get("rules").asInt());
        assertEquals(STIG, json.get("benchmarks").get(0).get("profiles").get(0).get("id").asText());
    }

    @Test
    public void getProfileAndGetRuleAreAnswered() throws Exception {
        Message profile = request("RPCSSGGetProfile", "{\"file_path\":\"" + sample() + "\",\"profile_id\":\"" + STIG + "\"}");
        assertEquals(profile.toString(), MessageType.RESPONSE, profile.type());
        assertEquals(37, JSON.readTree(profile.payload()).get("selected_rule_count").asInt());
        Message rule = request("RPCSSGGetRule", "{\"file_path\":\"" + sample()
                + "\",\"rule_id\":\"xccdf_org.ssgproject.content_rule_chromium_disable_popups\"}");
        assertEquals(rule.toString(), MessageType.RESPONSE, rule.type());
        assertEquals("Disable Popups", JSON.readTree(rule.payload()).get("rule").get("title").asText());
    }

    /** With the jnr provider bound (greedy: it replaces noop as soon as it registers) every hint is APPLIED. */
    @Test
    public void inFelixTheParserGivesItsHintsThroughJnr() throws Exception {
        assumeTrue("the jnr provider is Linux only", System.getProperty("os.name").startsWith("Linux"));
        ServiceTracker<SsgParser, SsgParser> tracker = new ServiceTracker<>(context, SsgParser.class, null);
        tracker.open();
        try {
            SsgParser parser = tracker.waitForService(10_000);
            assertNotNull("the SsgParser service is up", parser);
            // SCR binds the jnr provider once its activation is done
            ParseStatistics stats = await("the parser bound to jnr").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> parser.parse(Path.of(sample())).statistics(),
                            s -> s.tuningProvider().equals("jnr"));
            assertEquals("jnr", stats.tuningProvider());
            assertEquals(List.of("madvise SEQUENTIAL", "madvise WILLNEED", "madvise DONTNEED"),
                    stats.advice().stream().map(ParseStatistics.Advice::hint).toList());
            for (ParseStatistics.Advice a : stats.advice()) {
                assertEquals(a.hint(), Outcome.applied(), a.outcome());
            }
            assertEquals(37, stats.rules());
        } finally {
            tracker.close();
        }
    }

    @Test
    public void aMissingFileIsAnsweredWithAnErrorNamingIt() throws Exception {
        Path missing = contentRoot().toAbsolutePath().normalize().resolve("x.xml");
        Message answer = request("RPCSSGParse", "{\"file_path\":\"" + missing + "\"}");
        assertEquals(answer.toString(), MessageType.ERROR, answer.type());
        assertNull(answer.payload());
        assertTrue(answer.error(), answer.error().contains(missing + ": no such file"));
    }

    @Test
    public void aFileOutsideTheContentRootsIsRefused() throws Exception {
        Message answer = request("RPCSSGParse", "{\"file_path\":\"/etc/shadow\"}");
        assertEquals(answer.toString(), MessageType.ERROR, answer.type());
        assertEquals("path not allowed", answer.error());
    }
}
