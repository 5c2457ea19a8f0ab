package io.v2e.ssg.api;

import java.util.List;

/**
 * An XCCDF {@code Group}.
 *
 * @param id          group id
 * @param title       first title
 * @param description first description
 * @param selected    {@code selected} (true when absent)
 * @param platforms   platform idrefs
 * @param items       child groups, rules and values in document order
 */
public record Group(String id, String title, Text description, boolean selected, List<String> platforms,
        List<XccdfItem> items) implements XccdfItem {
    public Group {
        platforms = List.copyOf(platforms);
        items = List.copyOf(items);
    }
}
