package io.v2e.ssg.api;

import java.util.List;

/** A CPE 2.x dictionary. */
public record CpeDictionary(List<Item> items) implements ScapDocument {
    public CpeDictionary {
        items = List.copyOf(items);
    }

    @Override
    public String documentType() {
        return "CPE Dictionary";
    }

    /** A {@code cpe-item}: its name, first title and checks. */
    public record Item(String name, String title, List<Check> checks) {
        public Item {
            checks = List.copyOf(checks);
        }
    }

    /** A {@code check}: {@code system}, {@code href} and the referenced id (its text). */
    public record Check(String system, String href, String id) {
    }
}
