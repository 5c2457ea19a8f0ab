package io.v2e.ssg.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An XCCDF {@code Value}. Maps are keyed by {@code selector}; the empty key is the element
 * without a selector. Maps keep document order and are unmodifiable.
 *
 * @param id          value id
 * @param type        {@code type} ({@code string} when absent)
 * @param operator    {@code operator} ({@code equals} when absent)
 * @param interactive {@code interactive} (false when absent)
 * @param title       first title
 * @param description first description
 * @param values      {@code value} elements by selector
 * @param defaults    {@code default} elements by selector
 * @param lowerBounds {@code lower-bound} elements by selector
 * @param upperBounds {@code upper-bound} elements by selector
 * @param choices     {@code choices} by selector
 */
public record Value(String id, String type, String operator, boolean interactive, String title,
        Text description, Map<String, String> values, Map<String, String> defaults,
        Map<String, String> lowerBounds, Map<String, String> upperBounds,
        Map<String, List<String>> choices) implements XccdfItem {

    public Value {
        values = ordered(values);
        defaults = ordered(defaults);
        lowerBounds = ordered(lowerBounds);
        upperBounds = ordered(upperBounds);
        LinkedHashMap<String, List<String>> c = new LinkedHashMap<>();
        choices.forEach((k, v) -> c.put(k, List.copyOf(v)));
        choices = Collections.unmodifiableMap(c);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The value for {@code selector}, falling back to the value without selector (empty without
     * one). Profile resolution does not fall back for a selector no value carries: OpenSCAP leaves
     * such a value unresolved, and so does {@link SsgParser#resolveProfile}.
     */
    public String valueFor(String selector) {
        String v = selector == null ? null : values.get(selector);
        return v != null ? v : values.getOrDefault("", "");
    }
}
