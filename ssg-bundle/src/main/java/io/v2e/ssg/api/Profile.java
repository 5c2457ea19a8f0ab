package io.v2e.ssg.api;

import java.util.List;

/**
 * An XCCDF {@code Profile}.
 *
 * @param id           profile id
 * @param title        first title
 * @param description  first description
 * @param extendsId    {@code extends}, empty when absent
 * @param abstractProfile {@code abstract} (false when absent)
 * @param selects      {@code select}s in document order
 * @param setValues    {@code set-value}s
 * @param refineValues {@code refine-value}s
 * @param refineRules  {@code refine-rule}s
 */
public record Profile(String id, String title, Text description, String extendsId, boolean abstractProfile,
        List<Select> selects, List<SetValue> setValues, List<RefineValue> refineValues,
        List<RefineRule> refineRules) {

    public Profile {
        selects = List.copyOf(selects);
        setValues = List.copyOf(setValues);
        refineValues = List.copyOf(refineValues);
        refineRules = List.copyOf(refineRules);
    }

    /** {@code select idref selected}. */
    public record Select(String idref, boolean selected) {
    }

    /** {@code set-value idref} and its text. */
    public record SetValue(String idref, String value) {
    }

    /** {@code refine-value idref selector operator}; absent attributes are empty. */
    public record RefineValue(String idref, String selector, String operator) {
    }

    /** {@code refine-rule idref weight selector severity role}; absent attributes are empty. */
    public record RefineRule(String idref, String weight, String selector, String severity, String role) {
    }
}
