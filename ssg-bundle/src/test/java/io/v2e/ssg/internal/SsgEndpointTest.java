package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Message;
import io.v2e.ssg.api.SsgParseException;

class SsgEndpointTest {

    private static final String STIG = "xccdf_org.ssgproject.content_profile_stig";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SsgEndpointComponent endpoint;

    @BeforeEach
    void endpointReadingBelowTheTestDirectory() {
        endpoint = new SsgEndpointComponent(Fixtures.parser(), config(4, dir.toString()));
    }

    static SsgEndpointComponent.Config config(int entries, String contentRoots) {
        return new SsgEndpointComponent.Config() {
            @Override
            public int cache__entries() {
                return entries;
            }

            @Override
            public String content__roots() {
                return contentRoots;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return SsgEndpointComponent.Config.class;
            }
        };
    }

    private JsonNode call(String method, String payload) throws Exception {
        return JSON.readTree(endpoint.handle(Message.request("client", "ssg", method, payload, "c1")));
    }

    private Path copyOfSample() throws Exception {
        return Files.copy(Fixtures.sample(), dir.resolve("sample-ds.xml"));
    }

    private static String filePayload(Path file, String extra) {
        return "{\"file_path\":\"" + file + "\"" + extra + "}";
    }

    @Test
    void parseAnswersASummaryAndCachesByPathSizeAndMtime() throws Exception {
        Path file = copyOfSample();
        JsonNode first = call("RPCSSGParse", filePayload(file, ""));
        assertEquals("Source Data Stream", first.get("document_type").asText());
        assertFalse(first.get("cached").asBoolean());
        assertEquals(Files.size(file), first.get("bytes").asLong());
        assertEquals(37, first.get("counts").get("rules").asInt());
        assertEquals(41, first.get("counts").get("oval_definitions").asInt());
        JsonNode benchmark = first.get("benchmarks").get(0);
        assertEquals("xccdf_org.ssgproject.content_benchmark_CHROMIUM", benchmark.get("id").asText());
        assertEquals("draft", benchmark.get("statuses").get(0).get("status").asText());
        assertEquals("2022-12-21", benchmark.get("statuses").get(0).get("date").asText());
        assertEquals(STIG, benchmark.get("profiles").get(0).get("id").asText());
        assertEquals("Upstream STIG for Google Chromium", benchmark.get("profiles").get(0).get("title").asText());

        JsonNode second = call("RPCSSGParse", filePayload(file, ""));
        assertTrue(second.get("cached").asBoolean());
        assertEquals(first.get("elapsed_ms"), second.get("elapsed_ms"), "the same parse result is reused");

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 60_000));
        assertFalse(call("RPCSSGParse", filePayload(file, "")).get("cached").asBoolean(), "new mtime, new parse");

        FileTime keep = Files.getLastModifiedTime(file);
        Files.writeString(file, "\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, keep);
        JsonNode grown = call("RPCSSGParse", filePayload(file, ""));
        assertFalse(grown.get("cached").asBoolean(), "new size, new parse");
        assertEquals(Files.size(file), grown.get("bytes").asLong());
    }

    @Test
    void getProfileAnswersResolvedRulesAndValues() throws Exception {
        JsonNode p = call("RPCSSGGetProfile", filePayload(copyOfSample(), ",\"profile_id\":\"" + STIG + "\""));
        assertEquals(STIG, p.get("profile_id").asText());
        assertEquals(37, p.get("selected_rule_count").asInt());
        assertEquals("xccdf_org.ssgproject.content_rule_chromium_blacklist_extension_installation",
                p.get("selected_rules").get(0).get("id").asText());
        assertEquals("negotiate", p.get("values").get("xccdf_org.ssgproject.content_value_var_auth_schema").asText());
    }

    @Test
    void getRuleAnswersTheWholeRule() throws Exception {
        JsonNode r = call("RPCSSGGetRule", filePayload(copyOfSample(),
                ",\"rule_id\":\"xccdf_org.ssgproject.content_rule_chromium_disable_popups\""));
        JsonNode rule = r.get("rule");
        assertEquals("xccdf_org.ssgproject.content_rule_chromium_disable_popups", rule.get("id").asText());
        assertEquals("Disable Popups", rule.get("title").asText());
        assertEquals("unknown", rule.get("severity").asText());
        assertEquals("http://oval.mitre.org/XMLSchema/oval-definitions-5", rule.get("checks").get(0).get("system").asText());
        assertTrue(rule.get("description").get("plain").asText().length() > 0);
    }

    @Test
    void badRequestsAreErrorsNamingTheProblem() throws Exception {
        Path file = copyOfSample();
        assertEquals("RPCSSGParse needs a string \"file_path\" in its payload",
                assertThrows(IllegalArgumentException.class, () -> call("RPCSSGParse", "{}")).getMessage());
        assertEquals("RPCSSGGetRule needs a string \"rule_id\" in its payload",
                assertThrows(IllegalArgumentException.class, () -> call("RPCSSGGetRule", filePayload(file, ""))).getMessage());
        assertEquals("unknown method RPCSSGNope (ssg knows RPCSSGParse, RPCSSGGetProfile, RPCSSGGetRule)",
                assertThrows(IllegalArgumentException.class, () -> call("RPCSSGNope", "{}")).getMessage());
        assertEquals(dir.resolve("missing.xml") + ": no such file", assertThrows(SsgParseException.class,
                () -> call("RPCSSGParse", filePayload(dir.resolve("missing.xml"), ""))).getMessage());
        assertEquals("no profile nope in " + file, assertThrows(IllegalArgumentException.class,
                () -> call("RPCSSGGetProfile", filePayload(file, ",\"profile_id\":\"nope\""))).getMessage());
    }

    @Test
    void eventsAreIgnored() throws Exception {
        assertNull(endpoint.handle(Message.event("client", "ssg", "RPCSSGParse", "{}")));
    }

    @Test
    void cacheKeepsOnlyTheMostRecentlyUsedEntries() throws Exception {
        ParseCache cache = new ParseCache(Fixtures.parser(), 2);
        Path a = Files.copy(Fixtures.path("/fixtures/oval.xml"), dir.resolve("a.xml"));
        Path b = Files.copy(Fixtures.path("/fixtures/ocil.xml"), dir.resolve("b.xml"));
        Path c = Files.copy(Fixtures.path("/fixtures/cpe-dictionary.xml"), dir.resolve("c.xml"));
        cache.get(a);
        cache.get(b);
        assertTrue(cache.get(a).cached());
        cache.get(c); // evicts b, the least recently used
        assertEquals(2, cache.size());
        assertTrue(cache.get(a).cached());
        assertFalse(cache.get(b).cached());
    }
}
