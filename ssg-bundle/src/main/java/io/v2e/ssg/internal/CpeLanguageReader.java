package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.CpeLanguage;

/** Reads a CPE 2.0 language {@code platform-specification}. Single use, one thread. */
final class CpeLanguageReader {

    private final ParseContext ctx;

    CpeLanguageReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    CpeLanguage read() throws XMLStreamException {
        List<CpeLanguage.Platform> platforms = new ArrayList<>();
        while (ctx.nextChild()) {
            if (ctx.in(Namespaces.CPE_LANGUAGE) && ctx.localName().equals("platform")) {
                platforms.add(readPlatform());
            } else {
                ctx.skip();
            }
        }
        return new CpeLanguage(platforms);
    }

    private CpeLanguage.Platform readPlatform() throws XMLStreamException {
        String id = ctx.attr("id");
        String title = null;
        CpeLanguage.LogicalTest test = null;
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.CPE_LANGUAGE)) {
                ctx.skip();
            } else if (ctx.localName().equals("title") && title == null) {
                title = ctx.text();
            } else if (ctx.localName().equals("logical-test") && test == null) {
                test = readTest();
            } else {
                ctx.skip();
            }
        }
        return new CpeLanguage.Platform(id, title == null ? "" : title, test);
    }

    private CpeLanguage.LogicalTest readTest() throws XMLStreamException {
        String operator = ctx.sharedAttr("operator");
        boolean negate = ctx.booleanAttr("negate", false);
        List<String> facts = new ArrayList<>();
        List<CpeLanguage.CheckFactRef> checks = new ArrayList<>(0);
        List<CpeLanguage.LogicalTest> tests = new ArrayList<>(0);
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.CPE_LANGUAGE)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "fact-ref" -> {
                    facts.add(ctx.attr("name"));
                    ctx.skip();
                }
                case "check-fact-ref" -> {
                    checks.add(new CpeLanguage.CheckFactRef(ctx.sharedAttr("system"), ctx.sharedAttr("href"), ctx.attr("id-ref")));
                    ctx.skip();
                }
                case "logical-test" -> tests.add(readTest());
                default -> ctx.skip();
            }
        }
        return new CpeLanguage.LogicalTest(operator, negate, facts, checks, tests);
    }
}
