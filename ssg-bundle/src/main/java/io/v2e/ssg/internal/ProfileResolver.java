package io.v2e.ssg.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.Group;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.Tailoring;
import io.v2e.ssg.api.Value;
import io.v2e.ssg.api.XccdfItem;

/**
 * XCCDF profile resolution as OpenSCAP evaluates it:
 * <ul>
 * <li>every rule and group starts from its own {@code selected} attribute (true when absent);</li>
 * <li>the profiles of the {@code extends} chain apply their {@code select}s from the farthest
 * ancestor to the profile itself, later ones overriding earlier ones;</li>
 * <li>a rule is in effect only when it and every enclosing group are selected: an unselected group
 * unselects its whole subtree, while selecting a group does not select rules that are off;</li>
 * <li>an abstract profile of the benchmark cannot be resolved itself (OpenSCAP does not find it
 * either); an abstract profile of a tailoring can (OpenSCAP 1.3.7 evaluates it);</li>
 * <li>values: the last {@code set-value} wins, else the last {@code refine-value} selector picks the
 * value, else the value without selector; a selector no {@code value} carries leaves the value
 * unresolved (absent from the map: OpenSCAP warns "Invalid selector ... Using null value" and
 * skips every fix that substitutes it); {@code refine-rule} overrides severity, weight, role.</li>
 * <li>with a tailoring (OpenSCAP's {@code --tailoring-file}): a tailoring profile shadows a
 * benchmark profile of the same id; a tailoring profile's {@code extends} names another tailoring
 * profile or, failing that (or when it names itself), a benchmark profile; a benchmark profile's
 * {@code extends} stays within the benchmark.</li>
 * </ul>
 * Single use, single thread.
 */
final class ProfileResolver {

    private final Benchmark benchmark;
    private final List<Profile> tailoringProfiles;

    ProfileResolver(Benchmark benchmark) {
        this(benchmark, null);
    }

    /** @param tailoring applied over the benchmark's profiles, or null */
    ProfileResolver(Benchmark benchmark, Tailoring tailoring) {
        this.benchmark = benchmark;
        this.tailoringProfiles = tailoring == null ? List.of() : tailoring.profiles();
    }

    ResolvedProfile resolve(String profileId) {
        List<Profile> chain = chain(profileId);
        if (!chain.isEmpty() && chain.get(0).abstractProfile() && !fromTailoring(chain.get(0))) {
            // as OpenSCAP: an abstract profile only exists to be extended
            throw new IllegalArgumentException("profile " + profileId + " is abstract: it can only be extended");
        }
        Map<String, Boolean> selected = new HashMap<>();
        Map<String, String> selectors = new HashMap<>();
        Map<String, String> setValues = new HashMap<>();
        Map<String, Profile.RefineRule> refinements = new HashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Profile p = chain.get(i);
            p.selects().forEach(s -> selected.put(s.idref(), s.selected()));
            p.refineValues().forEach(r -> selectors.put(r.idref(), r.selector()));
            p.setValues().forEach(s -> setValues.put(s.idref(), s.value()));
            p.refineRules().forEach(r -> refinements.merge(r.idref(), r, ProfileResolver::overlay));
        }
        List<Rule> rules = new ArrayList<>();
        collect(benchmark.items(), true, selected, refinements, rules);
        Map<String, String> values = new LinkedHashMap<>();
        for (Value v : benchmark.allValues()) {
            String set = setValues.get(v.id());
            String selector = selectors.get(v.id());
            if (set != null) {
                values.put(v.id(), set);
            } else if (selector == null || selector.isEmpty()) {
                values.put(v.id(), v.valueFor(""));
            } else if (v.values().containsKey(selector)) {
                values.put(v.id(), v.values().get(selector));
            } // else: an invalid selector leaves the value unresolved, as in OpenSCAP
        }
        List<String> chainIds = chain.stream().map(Profile::id).toList();
        String title = chain.isEmpty() ? benchmark.title() : chain.get(0).title();
        return new ResolvedProfile(profileId == null ? "" : profileId, title, chainIds, rules, values);
    }

    private void collect(List<XccdfItem> items, boolean parentsSelected, Map<String, Boolean> selected,
            Map<String, Profile.RefineRule> refinements, List<Rule> out) {
        for (XccdfItem item : items) {
            if (item instanceof Group g) {
                boolean on = parentsSelected && selected.getOrDefault(g.id(), g.selected());
                // an unselected group switches off its whole subtree
                if (on) {
                    collect(g.items(), true, selected, refinements, out);
                }
            } else if (item instanceof Rule r && parentsSelected && selected.getOrDefault(r.id(), r.selected())) {
                Profile.RefineRule refine = refinements.get(r.id());
                out.add(refine == null ? r : refined(r, refine));
            }
        }
    }

    private static Rule refined(Rule r, Profile.RefineRule refine) {
        String severity = refine.severity().isEmpty() ? r.severity() : refine.severity();
        double weight = refine.weight().isEmpty() ? r.weight() : Double.parseDouble(refine.weight().trim());
        String role = refine.role().isEmpty() ? r.role() : refine.role();
        return new Rule(r.id(), r.title(), r.description(), r.rationale(), severity, weight, r.selected(), role,
                r.version(), r.idents(), r.references(), r.checks(), r.fixes(), r.platforms(), r.warnings());
    }

    /** A later refine-rule overrides only the attributes it sets. */
    private static Profile.RefineRule overlay(Profile.RefineRule earlier, Profile.RefineRule later) {
        return new Profile.RefineRule(later.idref(),
                later.weight().isEmpty() ? earlier.weight() : later.weight(),
                later.selector().isEmpty() ? earlier.selector() : later.selector(),
                later.severity().isEmpty() ? earlier.severity() : later.severity(),
                later.role().isEmpty() ? earlier.role() : later.role());
    }

    /** The profile and its ancestors, nearest first; empty for the benchmark defaults. */
    private List<Profile> chain(String profileId) {
        List<Profile> chain = new ArrayList<>();
        if (profileId == null || profileId.isEmpty()) {
            return chain;
        }
        Set<Profile> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // records: equal is not same
        Deque<String> path = new ArrayDeque<>();
        String id = profileId;
        Profile extender = null;
        while (!id.isEmpty()) {
            path.add(id);
            String wanted = id;
            Profile p = lookup(wanted, extender).orElseThrow(() -> new IllegalArgumentException(
                    (wanted.equals(profileId) ? "no profile " : "profile " + profileId + " extends missing profile ")
                            + wanted + " in benchmark " + benchmark.id()
                            + (tailoringProfiles.isEmpty() ? "" : " or its tailoring")));
            if (!seen.add(p)) {
                throw new IllegalArgumentException("profile extends cycle: " + String.join(" -> ", path));
            }
            chain.add(p);
            extender = p;
            id = p.extendsId();
        }
        return chain;
    }

    private boolean fromTailoring(Profile p) {
        for (Profile t : tailoringProfiles) {
            if (t == p) {
                return true;
            }
        }
        return false;
    }

    /**
     * The profile {@code id} as seen from {@code extender} (null for the profile asked for): the
     * tailoring's first unless the extender is a benchmark profile or the tailoring profile itself.
     */
    private Optional<Profile> lookup(String id, Profile extender) {
        boolean fromBenchmark = extender != null && !fromTailoring(extender);
        if (!fromBenchmark) {
            for (Profile t : tailoringProfiles) {
                if (t.id().equals(id) && t != extender) {
                    return Optional.of(t);
                }
            }
        }
        return benchmark.profile(id);
    }
}
