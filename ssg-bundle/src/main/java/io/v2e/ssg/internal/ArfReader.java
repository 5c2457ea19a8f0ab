package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.ResultDataStream;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.TestResult;

/**
 * Reads an ARF {@code asset-report-collection}: relationships, report-request and asset ids (their
 * content skipped: the source data stream and the asset identification), and each report's content
 * (an XCCDF TestResult, or any document {@link DocumentReader} knows, e.g. OVAL results).
 * Single use, one thread.
 */
final class ArfReader {

    private final ParseContext ctx;

    ArfReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    ResultDataStream read() throws XMLStreamException {
        List<String> assets = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        List<ResultDataStream.Report> reports = new ArrayList<>();
        List<ResultDataStream.Relationship> relationships = new ArrayList<>();
        while (ctx.nextChild()) {
            if (ctx.in(Namespaces.REPORTING_CORE) && ctx.localName().equals("relationships")) {
                readRelationships(relationships);
            } else if (!ctx.in(Namespaces.ARF)) {
                ctx.skip();
            } else {
                switch (ctx.localName()) {
                    case "report-requests" -> ids("report-request", requests);
                    case "assets" -> ids("asset", assets);
                    case "reports" -> {
                        while (ctx.nextChild()) {
                            if (ctx.in(Namespaces.ARF) && ctx.localName().equals("report")) {
                                reports.add(readReport());
                            } else {
                                ctx.skip();
                            }
                        }
                    }
                    default -> ctx.skip();
                }
            }
        }
        return new ResultDataStream(assets, requests, reports, relationships);
    }

    private void readRelationships(List<ResultDataStream.Relationship> out) throws XMLStreamException {
        while (ctx.nextChild()) {
            if (!(ctx.in(Namespaces.REPORTING_CORE) && ctx.localName().equals("relationship"))) {
                ctx.skip();
                continue;
            }
            String type = ctx.attr("type");
            String subject = ctx.attr("subject");
            List<String> refs = new ArrayList<>(1);
            while (ctx.nextChild()) {
                if (ctx.in(Namespaces.REPORTING_CORE) && ctx.localName().equals("ref")) {
                    refs.add(ctx.text());
                } else {
                    ctx.skip();
                }
            }
            out.add(new ResultDataStream.Relationship(type, subject, refs));
        }
    }

    /** The {@code id}s of the ARF children named {@code element}; their content is skipped. */
    private void ids(String element, List<String> out) throws XMLStreamException {
        while (ctx.nextChild()) {
            if (ctx.in(Namespaces.ARF) && ctx.localName().equals(element)) {
                out.add(ctx.attr("id"));
            }
            ctx.skip();
        }
    }

    private ResultDataStream.Report readReport() throws XMLStreamException {
        String id = ctx.attr("id");
        TestResult testResult = null;
        ScapDocument content = null;
        while (ctx.nextChild()) {
            if (!(ctx.in(Namespaces.ARF) && ctx.localName().equals("content"))) {
                ctx.skip();
                continue;
            }
            while (ctx.nextChild()) {
                if (testResult != null || content != null) {
                    ctx.skip();
                } else if ((ctx.in(Namespaces.XCCDF_1_2) || ctx.in(Namespaces.XCCDF_1_1))
                        && ctx.localName().equals("TestResult")) {
                    testResult = new XccdfReader(ctx, ctx.namespace()).readTestResult();
                } else {
                    content = new DocumentReader(ctx).readKnown();
                    if (content == null) {
                        ctx.skip();
                    }
                }
            }
        }
        return new ResultDataStream.Report(id, Optional.ofNullable(testResult), Optional.ofNullable(content));
    }
}
