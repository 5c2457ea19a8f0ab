package io.v2e.ssg.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import io.v2e.config.internal.ConfigCheck;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;

/**
 * The broker endpoint {@code ssg}: {@code RPCSSGParse {file_path}} -> summary,
 * {@code RPCSSGGetProfile {file_path, profile_id}} -> resolved rules and values,
 * {@code RPCSSGGetRule {file_path, rule_id}} -> the rule. Results are cached by path, size and
 * modification time. A failure is thrown, so the broker answers with an error naming it.
 * Only files below the configured content roots are read ({@link ContentRoots}); an error about a
 * file's content names the file, the position and the kind of problem, never the content itself
 * (the full text goes to the log).
 * Called by one broker worker at a time; the cache is thread-safe anyway.
 */
@Component(service = Endpoint.class, configurationPid = SsgEndpointComponent.PID,
        property = Endpoint.NAME_PROPERTY + "=" + SsgEndpointComponent.NAME)
@Designate(ocd = SsgEndpointComponent.Config.class)
public final class SsgEndpointComponent implements Endpoint {

    public static final String NAME = "ssg";
    public static final String PID = "io.v2e.ssg.endpoint";

    /** The endpoint's configuration (file etc/io.v2e.ssg.endpoint.cfg); keys as {@link SsgParserComponent.Config}. */
    @ObjectClassDefinition(name = "v2e SSG broker endpoint", description = "The ssg endpoint of the broker."
            + " A bad value is rejected (logged) and the default is used.")
    public @interface Config {
        @AttributeDefinition(name = "cache_entries", description = "Parsed files kept (>= 1; least recently used dropped); "
                + "an entry is reused while the file keeps its size and modification time.")
        int cache__entries() default DEFAULT_CACHE_ENTRIES;

        @AttributeDefinition(name = "content_roots", description = "Comma-separated absolute directories the endpoint"
                + " may read files below (after resolving symlinks and ..); any other path is answered 'path not allowed'"
                + " without touching it. Empty: /usr/share/xml/scap and <v2e.home>/content.")
        String content__roots() default "";
    }

    static final int DEFAULT_CACHE_ENTRIES = 16;
    /** The system-wide SCAP content directory (Debian's ssg-* and openscap packages install below it). */
    static final String SYSTEM_CONTENT = "/usr/share/xml/scap";
    private static final Logger LOG = System.getLogger("io.v2e.ssg");

    private final SsgParser parser;
    private final ParseCache cache;
    private final ContentRoots roots;

    /** DS: {@code props} are the raw properties, checked before {@code config} converts them. */
    @Activate
    public SsgEndpointComponent(@Reference(name = "parser") SsgParser parser, Config config, Map<String, Object> props) {
        this.parser = parser;
        this.cache = new ParseCache(parser, cacheEntries(config, props));
        this.roots = contentRoots(config, props);
    }

    /** Outside DS (tests): the typed configuration only. */
    SsgEndpointComponent(SsgParser parser, Config config) {
        this(parser, config, Map.of());
    }

    private static int cacheEntries(Config config, Map<String, Object> props) {
        try {
            ConfigCheck.check(Config.class, props);
            int entries = config.cache__entries();
            if (entries < 1) {
                throw new IllegalArgumentException("cache_entries must be at least 1, was " + entries);
            }
            return entries;
        } catch (RuntimeException e) { // also a value DS could not convert to the attribute's type
            LOG.log(Level.WARNING, PID + ": configuration rejected, using cache_entries = " + DEFAULT_CACHE_ENTRIES + ": "
                    + (e.getMessage() != null ? e.getMessage() : e));
            return DEFAULT_CACHE_ENTRIES;
        }
    }

    /** The configured roots, or the defaults when none (or a bad list) is configured. */
    private static ContentRoots contentRoots(Config config, Map<String, Object> props) {
        try {
            String configured = config.content__roots().strip();
            if (!configured.isEmpty()) {
                return new ContentRoots(List.of(configured.split(",")));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, PID + ": content_roots rejected, using the defaults " + defaultRoots() + ": "
                    + (e.getMessage() != null ? e.getMessage() : e));
        }
        return new ContentRoots(defaultRoots());
    }

    /** {@value #SYSTEM_CONTENT} and {@code <v2e.home>/content} (v2e.home: the launcher's property, else the working directory). */
    static List<String> defaultRoots() {
        String home = System.getProperty("v2e.home", System.getProperty("user.dir"));
        return List.of(SYSTEM_CONTENT, Path.of(home, "content").toAbsolutePath().normalize().toString());
    }

    /** The directories files are read below. */
    List<Path> contentRoots() {
        return roots.roots();
    }

    /** Parsed files the cache keeps. */
    int cacheCapacity() {
        return cache.capacity();
    }

    @Override
    public String handle(Message message) throws Exception {
        if (message.type() != MessageType.REQUEST) {
            return null;
        }
        JsonNode payload = SsgJson.read(message.payload());
        switch (message.id()) {
            case "RPCSSGParse": {
                ParseCache.Lookup found = lookup(payload, "RPCSSGParse");
                return SsgJson.compact(EndpointAnswers.ParseSummary.of(found, benchmarks(found.result().document())));
            }
            case "RPCSSGGetProfile": {
                ParseCache.Lookup found = lookup(payload, "RPCSSGGetProfile");
                String profileId = required(payload, "profile_id", "RPCSSGGetProfile");
                Benchmark b = benchmarks(found.result().document()).stream()
                        .filter(x -> x.profile(profileId).isPresent()).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no profile " + profileId + " in "
                                + found.result().file()));
                return SsgJson.compact(EndpointAnswers.ProfileAnswer.of(parser.resolveProfile(b, profileId), found.cached()));
            }
            case "RPCSSGGetRule": {
                ParseCache.Lookup found = lookup(payload, "RPCSSGGetRule");
                String ruleId = required(payload, "rule_id", "RPCSSGGetRule");
                for (Benchmark b : benchmarks(found.result().document())) {
                    for (Rule r : b.allRules()) {
                        if (r.id().equals(ruleId)) {
                            return SsgJson.compact(new EndpointAnswers.RuleAnswer(b.id(), found.cached(), r));
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
        String requested = required(payload, "file_path", method);
        Path file;
        try {
            file = roots.resolve(requested);
        } catch (NoSuchFileException e) {
            throw new SsgParseException(SsgParseException.Kind.NOT_FOUND, Path.of(requested).normalize(), "no such file");
        }
        try {
            return cache.get(file);
        } catch (SsgParseException e) {
            throw ContentFreeErrors.of(e, LOG);
        }
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
}
