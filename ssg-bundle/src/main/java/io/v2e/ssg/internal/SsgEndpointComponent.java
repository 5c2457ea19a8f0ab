package io.v2e.ssg.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.JsonNode;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.SsgParser;

/**
 * The broker endpoint {@code ssg}: {@code RPCSSGParse {file_path}} -> summary,
 * {@code RPCSSGGetProfile {file_path, profile_id}} -> resolved rules and values,
 * {@code RPCSSGGetRule {file_path, rule_id}} -> the rule. Results are cached by path, size and
 * modification time. A failure is thrown, so the broker answers with an error naming it.
 * Called by one broker worker at a time; the cache is thread-safe anyway.
 */
@Component(service = Endpoint.class, configurationPid = SsgEndpointComponent.PID,
        property = Endpoint.NAME_PROPERTY + "=" + SsgEndpointComponent.NAME)
@Designate(ocd = SsgEndpointComponent.Config.class)
public final class SsgEndpointComponent implements Endpoint {

    public static final String NAME = "ssg";
    public static final String PID = "io.v2e.ssg.endpoint";

    @ObjectClassDefinition(name = "v2e SSG broker endpoint", description = "The ssg endpoint of the broker.")
    public @interface Config {
        @AttributeDefinition(description = "Parsed files kept (least recently used dropped); an entry is reused while the file keeps its size and modification time.")
        int cache_entries() default 16;
    }

    private final SsgParser parser;
    private final ParseCache cache;

    @Activate
    public SsgEndpointComponent(@Reference(name = "parser") SsgParser parser, Config config) {
        this.parser = parser;
        this.cache = new ParseCache(parser, config.cache_entries());
    }

    @Override
    public String handle(Message message) throws Exception {
        if (message.type() != MessageType.REQUEST) {
            return null;
        }
        JsonNode payload = message.payload() == null ? JsonHolder.COMPACT.createObjectNode() : JsonHolder.COMPACT.readTree(message.payload());
        switch (message.id()) {
            case "RPCSSGParse":
                return JsonHolder.COMPACT.writeValueAsString(summary(lookup(payload, "RPCSSGParse")));
            case "RPCSSGGetProfile": {
                ParseCache.Lookup found = lookup(payload, "RPCSSGGetProfile");
                String profileId = required(payload, "profile_id", "RPCSSGGetProfile");
                Benchmark b = benchmarks(found.result().document()).stream()
                        .filter(x -> x.profile(profileId).isPresent()).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no profile " + profileId + " in "
                                + found.result().file()));
                return JsonHolder.COMPACT.writeValueAsString(profile(parser.resolveProfile(b, profileId), found.cached()));
            }
            case "RPCSSGGetRule": {
                ParseCache.Lookup found = lookup(payload, "RPCSSGGetRule");
                String ruleId = required(payload, "rule_id", "RPCSSGGetRule");
                for (Benchmark b : benchmarks(found.result().document())) {
                    for (Rule r : b.allRules()) {
                        if (r.id().equals(ruleId)) {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("benchmark_id", b.id());
                            m.put("cached", found.cached());
                            m.put("rule", r);
                            return JsonHolder.COMPACT.writeValueAsString(m);
                        }
                    }
                }
                throw new IllegalArgumentException("no rule " + ruleId + " in " + found.result().file());
            }
            default:
                throw new IllegalArgumentException("unknown method " + message.id()
                        + " (ssg knows RPCSSGParse, RPCSSGGetProfile, RPCSSGGetRule)");
        }
    }

    private ParseCache.Lookup lookup(JsonNode payload, String method) throws Exception {
        return cache.get(Path.of(required(payload, "file_path", method)));
    }

    private static String required(JsonNode payload, String field, String method) {
        JsonNode v = payload.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(method + " needs a string \"" + field + "\" in its payload");
        }
        return v.asText();
    }

    private static List<Benchmark> benchmarks(ScapDocument document) {
        List<Benchmark> result = new ArrayList<>();
        if (document instanceof Benchmark b) {
            result.add(b);
        } else if (document instanceof DataStreamCollection ds) {
            ds.components().forEach(c -> {
                if (c.content() instanceof Benchmark b) {
                    result.add(b);
                }
            });
        }
        return result;
    }

    private static Map<String, Object> summary(ParseCache.Lookup found) {
        ParseStatistics s = found.result().statistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file_path", found.result().file().toString());
        m.put("document_type", found.result().document().documentType());
        m.put("cached", found.cached());
        m.put("bytes", s.bytes());
        m.put("elapsed_ms", s.elapsedNanos() / 1e6);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rules", s.rules());
        counts.put("groups", s.groups());
        counts.put("values", s.values());
        counts.put("profiles", s.profiles());
        counts.put("oval_definitions", s.ovalDefinitions());
        counts.put("ocil_questionnaires", s.ocilQuestionnaires());
        counts.put("cpe_items", s.cpeItems());
        m.put("counts", counts);
        List<Map<String, Object>> benchmarks = new ArrayList<>();
        for (Benchmark b : benchmarks(found.result().document())) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("id", b.id());
            bm.put("statuses", b.statuses().stream().map(st -> Map.of("status", st.status(), "date", st.date())).toList());
            List<Map<String, Object>> profiles = new ArrayList<>();
            for (Profile p : b.profiles()) {
                profiles.add(Map.of("id", p.id(), "title", p.title()));
            }
            bm.put("profiles", profiles);
            benchmarks.add(bm);
        }
        m.put("benchmarks", benchmarks);
        return m;
    }

    private static Map<String, Object> profile(ResolvedProfile r, boolean cached) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile_id", r.profileId());
        m.put("title", r.title());
        m.put("extends", r.extendsChain().subList(Math.min(1, r.extendsChain().size()), r.extendsChain().size()));
        m.put("cached", cached);
        m.put("selected_rule_count", r.selectedRules().size());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule rule : r.selectedRules()) {
            rules.add(Map.of("id", rule.id(), "title", rule.title(), "severity", rule.severity(), "weight", rule.weight(),
                    "role", rule.role()));
        }
        m.put("selected_rules", rules);
        m.put("values", r.values());
        return m;
    }
}
