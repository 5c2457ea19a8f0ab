package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.CpeDictionary;

/** Reads a CPE 2.x dictionary {@code cpe-list}. */
final class CpeReader {

    private final ParseContext ctx;

    CpeReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    CpeDictionary read() throws XMLStreamException {
        List<CpeDictionary.Item> items = new ArrayList<>();
        while (ctx.nextChild()) {
            if (ctx.in(Namespaces.CPE_DICTIONARY) && ctx.localName().equals("cpe-item")) {
                items.add(readItem());
            } else {
                ctx.skip();
            }
        }
        return new CpeDictionary(items);
    }

    private CpeDictionary.Item readItem() throws XMLStreamException {
        ctx.cpeItems++;
        String name = ctx.attr("name");
        String title = null;
        List<CpeDictionary.Check> checks = new ArrayList<>(1);
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.CPE_DICTIONARY)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "title" -> {
                    String t = ctx.text();
                    title = title == null ? t : title;
                }
                case "check" -> {
                    String system = ctx.sharedAttr("system");
                    String href = ctx.sharedAttr("href");
                    checks.add(new CpeDictionary.Check(system, href, ctx.text()));
                }
                default -> ctx.skip();
            }
        }
        return new CpeDictionary.Item(name, title == null ? "" : title, checks);
    }
}
