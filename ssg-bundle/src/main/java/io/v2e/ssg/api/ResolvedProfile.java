package io.v2e.ssg.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective content of a profile.
 *
 * @param profileId     the profile id (empty for the benchmark defaults)
 * @param title         its title
 * @param extendsChain  the profile and the profiles it extends, nearest first
 * @param selectedRules the selected rules in document order, with refine-rule overrides applied
 *                      to severity, weight and role
 * @param values        every value of the benchmark with its resolved value (set-value, else the
 *                      refine-value selector, else the default), by value id in document order
 */
public record ResolvedProfile(String profileId, String title, List<String> extendsChain,
        List<Rule> selectedRules, Map<String, String> values) {
    public ResolvedProfile {
        extendsChain = List.copyOf(extendsChain);
        selectedRules = List.copyOf(selectedRules);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public List<String> selectedRuleIds() {
        return selectedRules.stream().map(Rule::id).toList();
    }
}
