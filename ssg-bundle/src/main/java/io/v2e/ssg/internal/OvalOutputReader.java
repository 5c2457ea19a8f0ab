package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.OvalDirectives;
import io.v2e.ssg.api.OvalResults;
import io.v2e.ssg.api.OvalSystemCharacteristics;
import io.v2e.ssg.api.OvalVariables;

/**
 * Reads the OVAL documents a scan produces or takes besides definitions: results, system
 * characteristics, variables and directives. Each has a {@code generator} (schema version and
 * timestamp, in the OVAL common namespace); the rest is kept as summaries. Single use, one thread.
 */
final class OvalOutputReader {

    private final ParseContext ctx;
    private String schemaVersion = "";
    private String timestamp = "";

    OvalOutputReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    private void generator() throws XMLStreamException {
        while (ctx.nextChild()) {
            switch (ctx.localName()) {
                case "schema_version" -> schemaVersion = ctx.text();
                case "timestamp" -> timestamp = ctx.text();
                default -> ctx.skip();
            }
        }
    }

    OvalResults readResults() throws XMLStreamException {
        List<OvalResults.DefinitionResult> definitions = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.OVAL_RESULTS)) {
                ctx.skip(); // the embedded oval_definitions, in its own namespace
                continue;
            }
            switch (ctx.localName()) {
                case "generator" -> generator();
                case "results" -> {
                    while (ctx.nextChild()) { // system
                        while (ctx.nextChild()) { // definitions, tests, oval_system_characteristics
                            if (ctx.in(Namespaces.OVAL_RESULTS) && ctx.localName().equals("definitions")) {
                                while (ctx.nextChild()) {
                                    if (ctx.in(Namespaces.OVAL_RESULTS) && ctx.localName().equals("definition")) {
                                        definitions.add(new OvalResults.DefinitionResult(ctx.attr("definition_id"),
                                                ctx.sharedAttr("result"), ctx.attr("version")));
                                    }
                                    ctx.skip();
                                }
                            } else {
                                ctx.skip();
                            }
                        }
                    }
                }
                default -> ctx.skip();
            }
        }
        return new OvalResults(schemaVersion, timestamp, definitions);
    }

    OvalSystemCharacteristics readSystemCharacteristics() throws XMLStreamException {
        String host = "";
        int objects = 0;
        int items = 0;
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.OVAL_SYSTEM_CHARACTERISTICS)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "generator" -> generator();
                case "system_info" -> {
                    while (ctx.nextChild()) {
                        if (ctx.in(Namespaces.OVAL_SYSTEM_CHARACTERISTICS) && ctx.localName().equals("primary_host_name")) {
                            host = ctx.text();
                        } else {
                            ctx.skip();
                        }
                    }
                }
                case "collected_objects" -> objects += countChildren();
                case "system_data" -> items += countChildren();
                default -> ctx.skip();
            }
        }
        return new OvalSystemCharacteristics(schemaVersion, timestamp, host, objects, items);
    }

    OvalVariables readVariables() throws XMLStreamException {
        List<OvalVariables.Variable> variables = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.OVAL_VARIABLES)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "generator" -> generator();
                case "variables" -> {
                    while (ctx.nextChild()) {
                        if (!(ctx.in(Namespaces.OVAL_VARIABLES) && ctx.localName().equals("variable"))) {
                            ctx.skip();
                            continue;
                        }
                        String id = ctx.attr("id");
                        String datatype = ctx.sharedAttr("datatype");
                        String comment = ctx.attr("comment");
                        List<String> values = new ArrayList<>(1);
                        while (ctx.nextChild()) {
                            if (ctx.in(Namespaces.OVAL_VARIABLES) && ctx.localName().equals("value")) {
                                values.add(ctx.text());
                            } else {
                                ctx.skip();
                            }
                        }
                        variables.add(new OvalVariables.Variable(id, datatype, comment, values));
                    }
                }
                default -> ctx.skip();
            }
        }
        return new OvalVariables(schemaVersion, timestamp, variables);
    }

    OvalDirectives readDirectives() throws XMLStreamException {
        while (ctx.nextChild()) {
            if (ctx.in(Namespaces.OVAL_DIRECTIVES) && ctx.localName().equals("generator")) {
                generator();
            } else {
                ctx.skip();
            }
        }
        return new OvalDirectives(schemaVersion, timestamp);
    }

    private int countChildren() throws XMLStreamException {
        int n = 0;
        while (ctx.nextChild()) {
            n++;
            ctx.skip();
        }
        return n;
    }
}
