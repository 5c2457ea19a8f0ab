package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.UnrecognizedContent;

/** Picks the reader for a root element (of the file or of a data-stream component). */
final class DocumentReader {

    private final ParseContext ctx;

    DocumentReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Reads the element the cursor is on; null when the element is not SCAP content we know. */
    ScapDocument readKnown() throws XMLStreamException {
        String ns = ctx.namespace();
        String local = ctx.localName();
        if (ns.equals(Namespaces.DATA_STREAM) && local.equals("data-stream-collection")) {
            return readCollection();
        }
        if ((ns.equals(Namespaces.XCCDF_1_2) || ns.equals(Namespaces.XCCDF_1_1)) && local.equals("Benchmark")) {
            return new XccdfReader(ctx, ns).readBenchmark();
        }
        if (ns.equals(Namespaces.XCCDF_1_2) && local.equals("Tailoring")) {
            return new XccdfReader(ctx, ns).readTailoring(ns);
        }
        if (ns.equals(Namespaces.XCCDF_1_1_TAILORING) && local.equals("Tailoring")) {
            return new XccdfReader(ctx, Namespaces.XCCDF_1_1).readTailoring(ns);
        }
        if (ns.equals(Namespaces.OVAL_DEFINITIONS) && local.equals("oval_definitions")) {
            return new OvalReader(ctx).read();
        }
        if (ns.equals(Namespaces.ARF) && local.equals("asset-report-collection")) {
            return new ArfReader(ctx).read();
        }
        if (ns.equals(Namespaces.OVAL_RESULTS) && local.equals("oval_results")) {
            return new OvalOutputReader(ctx).readResults();
        }
        if (ns.equals(Namespaces.OVAL_SYSTEM_CHARACTERISTICS) && local.equals("oval_system_characteristics")) {
            return new OvalOutputReader(ctx).readSystemCharacteristics();
        }
        if (ns.equals(Namespaces.OVAL_VARIABLES) && local.equals("oval_variables")) {
            return new OvalOutputReader(ctx).readVariables();
        }
        if (ns.equals(Namespaces.OVAL_DIRECTIVES) && local.equals("oval_directives")) {
            return new OvalOutputReader(ctx).readDirectives();
        }
        if (ns.equals(Namespaces.OCIL) && local.equals("ocil")) {
            return new OcilReader(ctx).read();
        }
        if (ns.equals(Namespaces.CPE_LANGUAGE) && local.equals("platform-specification")) {
            return new CpeLanguageReader(ctx).read();
        }
        if (ns.equals(Namespaces.CPE_DICTIONARY) && local.equals("cpe-list")) {
            return new CpeReader(ctx).read();
        }
        return null;
    }

    private DataStreamCollection readCollection() throws XMLStreamException {
        String id = ctx.attr("id");
        String schematronVersion = ctx.attr("schematron-version");
        List<DataStreamCollection.DataStream> streams = new ArrayList<>(1);
        List<DataStreamCollection.Component> components = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.DATA_STREAM)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "data-stream" -> streams.add(readDataStream());
                case "component", "extended-component" -> components.add(readComponent());
                default -> ctx.skip();
            }
        }
        return new DataStreamCollection(id, schematronVersion, streams, components);
    }

    private DataStreamCollection.DataStream readDataStream() throws XMLStreamException {
        String id = ctx.attr("id");
        String scapVersion = ctx.attr("scap-version");
        String useCase = ctx.attr("use-case");
        String timestamp = ctx.attr("timestamp");
        List<DataStreamCollection.ComponentRef> dictionaries = new ArrayList<>();
        List<DataStreamCollection.ComponentRef> checklists = new ArrayList<>();
        List<DataStreamCollection.ComponentRef> checks = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.DATA_STREAM)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "dictionaries" -> readRefs(dictionaries);
                case "checklists" -> readRefs(checklists);
                case "checks" -> readRefs(checks);
                default -> ctx.skip();
            }
        }
        return new DataStreamCollection.DataStream(id, scapVersion, useCase, timestamp, dictionaries, checklists,
                checks);
    }

    private void readRefs(List<DataStreamCollection.ComponentRef> refs) throws XMLStreamException {
        while (ctx.nextChild()) {
            if (!(ctx.in(Namespaces.DATA_STREAM) && ctx.localName().equals("component-ref"))) {
                ctx.skip();
                continue;
            }
            String id = ctx.attr("id");
            String href = ctx.attr(Namespaces.XLINK, "href");
            List<DataStreamCollection.CatalogUri> catalog = new ArrayList<>();
            while (ctx.nextChild()) {
                if (ctx.in(Namespaces.XML_CATALOG) && ctx.localName().equals("catalog")) {
                    while (ctx.nextChild()) {
                        if (ctx.in(Namespaces.XML_CATALOG) && ctx.localName().equals("uri")) {
                            catalog.add(new DataStreamCollection.CatalogUri(ctx.attr("name"), ctx.attr("uri")));
                        }
                        ctx.skip();
                    }
                } else {
                    ctx.skip();
                }
            }
            refs.add(new DataStreamCollection.ComponentRef(id, href, catalog));
        }
    }

    private DataStreamCollection.Component readComponent() throws XMLStreamException {
        String id = ctx.attr("id");
        String timestamp = ctx.attr("timestamp");
        ScapDocument content = null;
        while (ctx.nextChild()) {
            if (content != null) {
                ctx.skip();
                continue;
            }
            content = readKnown();
            if (content == null) {
                content = new UnrecognizedContent(ctx.namespace(), ctx.localName());
                ctx.skip();
            }
        }
        if (content == null) {
            content = new UnrecognizedContent("", "");
        }
        return new DataStreamCollection.Component(id, timestamp, content);
    }
}
