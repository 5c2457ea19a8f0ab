package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.OvalDefinitions;

/** Reads an OVAL {@code oval_definitions} element: definitions in full, the rest counted by type. */
final class OvalReader {

    private final ParseContext ctx;

    OvalReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    OvalDefinitions read() throws XMLStreamException {
        String schemaVersion = "";
        String timestamp = "";
        List<OvalDefinitions.Definition> definitions = new ArrayList<>();
        TypeCounter tests = new TypeCounter();
        TypeCounter objects = new TypeCounter();
        TypeCounter states = new TypeCounter();
        TypeCounter variables = new TypeCounter();
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.OVAL_DEFINITIONS)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "generator" -> {
                    while (ctx.nextChild()) {
                        switch (ctx.localName()) {
                            case "schema_version" -> schemaVersion = ctx.text();
                            case "timestamp" -> timestamp = ctx.text();
                            default -> ctx.skip();
                        }
                    }
                }
                case "definitions" -> {
                    while (ctx.nextChild()) {
                        if (ctx.in(Namespaces.OVAL_DEFINITIONS) && ctx.localName().equals("definition")) {
                            definitions.add(readDefinition());
                        } else {
                            ctx.skip();
                        }
                    }
                }
                case "tests" -> countChildren(tests);
                case "objects" -> countChildren(objects);
                case "states" -> countChildren(states);
                case "variables" -> countChildren(variables);
                default -> ctx.skip();
            }
        }
        return new OvalDefinitions(schemaVersion, timestamp, definitions, tests.toMap(), objects.toMap(),
                states.toMap(), variables.toMap());
    }

    private void countChildren(TypeCounter counter) throws XMLStreamException {
        while (ctx.nextChild()) {
            counter.count(ctx.namespace(), ctx.localName());
            ctx.skip();
        }
    }

    private OvalDefinitions.Definition readDefinition() throws XMLStreamException {
        ctx.ovalDefinitions++;
        String id = ctx.attr("id");
        String version = ctx.attr("version");
        String definitionClass = ctx.sharedAttr("class");
        String title = "";
        String description = "";
        String family = null;
        List<String> platforms = new ArrayList<>(1);
        List<OvalDefinitions.Reference> references = new ArrayList<>(1);
        while (ctx.nextChild()) {
            if (!ctx.localName().equals("metadata")) {
                ctx.skip();
                continue;
            }
            while (ctx.nextChild()) {
                switch (ctx.localName()) {
                    case "title" -> title = ctx.text();
                    case "description" -> description = ctx.text();
                    case "affected" -> {
                        if (family == null) {
                            family = ctx.sharedAttr("family");
                        }
                        while (ctx.nextChild()) {
                            if (ctx.localName().equals("platform")) {
                                platforms.add(ctx.shared(ctx.text()));
                            } else {
                                ctx.skip();
                            }
                        }
                    }
                    case "reference" -> {
                        references.add(new OvalDefinitions.Reference(ctx.sharedAttr("source"), ctx.attr("ref_id"),
                                ctx.attr("ref_url")));
                        ctx.skip();
                    }
                    default -> ctx.skip();
                }
            }
        }
        return new OvalDefinitions.Definition(id, version, definitionClass, title, description,
                family == null ? "" : family, platforms, references);
    }

    /**
     * Counts elements by namespace and local name without building a key per element (names are
     * interned by Woodstox, so the maps hit existing entries).
     */
    private static final class TypeCounter {
        private final Map<String, Map<String, int[]>> byNamespace = new HashMap<>();

        void count(String namespace, String localName) {
            byNamespace.computeIfAbsent(namespace, k -> new HashMap<>())
                    .computeIfAbsent(localName, k -> new int[1])[0]++;
        }

        /** Keys are {@code family:localName} for OVAL component schemas ({@code ...-5#unix}), else the name. */
        Map<String, Integer> toMap() {
            Map<String, Integer> result = new HashMap<>();
            byNamespace.forEach((ns, names) -> {
                int hash = ns.lastIndexOf('#');
                String family = hash < 0 ? "" : ns.substring(hash + 1) + ":";
                names.forEach((name, n) -> result.put(family + name, n[0]));
            });
            return result;
        }
    }
}
