package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.Text;

class ProfileResolutionTest {

    private static final String ON = "xccdf_test_rule_on_by_default";
    private static final String OFF = "xccdf_test_rule_off_by_default";
    private static final String IN_OFF_GROUP = "xccdf_test_rule_in_off_group";
    private static final String TOP = "xccdf_test_rule_top_level";

    private static Benchmark benchmark() throws Exception {
        return Fixtures.parse("xccdf12-benchmark.xml", Benchmark.class);
    }

    private static ResolvedProfile resolve(Benchmark b, String profileId) {
        return Fixtures.parser().resolveProfile(b, profileId);
    }

    @Test
    void withoutProfileRuleDefaultsAndGroupSelectionApply() throws Exception {
        ResolvedProfile r = resolve(benchmark(), null);
        assertEquals(List.of(ON, TOP), r.selectedRuleIds(), "off-by-default rule and the rule in the off group are out");
        assertEquals(Map.of("xccdf_test_value_len", "8", "xccdf_test_value_name", "nobody"), r.values());
        assertEquals(List.of(), r.extendsChain());
    }

    @Test
    void profileSelectsRefineValuesAndRefineRules() throws Exception {
        Benchmark b = benchmark();
        Profile base = b.profiles().get(0);
        Benchmark concrete = withProfile(b, new Profile("concrete_base", base.title(), base.description(), "", false,
                base.selects(), base.setValues(), base.refineValues(), base.refineRules()));
        ResolvedProfile r = resolve(concrete, "concrete_base");
        assertEquals(List.of(ON, OFF, TOP), r.selectedRuleIds());
        Rule refined = r.selectedRules().get(0);
        assertEquals(List.of("high", "unscored"), List.of(refined.severity(), refined.role()));
        assertEquals(5.5, refined.weight());
        assertEquals(Map.of("xccdf_test_value_len", "14", "xccdf_test_value_name", "nobody"), r.values());
        assertEquals("Base", r.title());
    }

    @Test
    void extendsChainAppliesTheParentFirstAndTheChildOverrides() throws Exception {
        ResolvedProfile r = resolve(benchmark(), "xccdf_test_profile_child");
        assertEquals(List.of("xccdf_test_profile_child", "xccdf_test_profile_base"), r.extendsChain());
        // child unselects ON; selecting IN_OFF_GROUP does not help while its group is unselected
        assertEquals(List.of(OFF, TOP), r.selectedRuleIds());
        assertEquals(Map.of("xccdf_test_value_len", "14", "xccdf_test_value_name", "root"), r.values(),
                "refine-value inherited, set-value of the child");
    }

    @Test
    void selectingTheGroupBringsBackOnlyItsSelectedRules() throws Exception {
        Benchmark b = withProfile(benchmark(), new Profile("p", "P", Text.EMPTY, "", false,
                List.of(new Profile.Select("xccdf_test_group_off", true)), List.of(), List.of(), List.of()));
        assertEquals(List.of(ON, IN_OFF_GROUP, TOP), resolve(b, "p").selectedRuleIds());
    }

    @Test
    void unselectingAGroupRemovesItsWholeSubtree() throws Exception {
        Benchmark b = withProfile(benchmark(), new Profile("p", "P", Text.EMPTY, "", false,
                List.of(new Profile.Select(OFF, true), new Profile.Select("xccdf_test_group_top", false)), List.of(),
                List.of(), List.of()));
        assertEquals(List.of(TOP), resolve(b, "p").selectedRuleIds());
    }

    @Test
    void laterSelectOfTheSameItemWins() throws Exception {
        Benchmark b = withProfile(benchmark(), new Profile("p", "P", Text.EMPTY, "", false,
                List.of(new Profile.Select(TOP, false), new Profile.Select(TOP, true)), List.of(), List.of(), List.of()));
        assertEquals(List.of(ON, TOP), resolve(b, "p").selectedRuleIds());
    }

    @Test
    void abstractProfileCannotBeResolvedItself() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(benchmark(), "xccdf_test_profile_base"));
        assertEquals("profile xccdf_test_profile_base is abstract: it can only be extended", e.getMessage());
    }

    @Test
    void unknownProfileAndExtendsCycleAreErrors() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolve(benchmark(), "nope"));
        assertEquals("no profile nope in benchmark xccdf_test_benchmark_b", unknown.getMessage());
        Benchmark b = withProfile(withProfile(benchmark(),
                new Profile("a", "A", Text.EMPTY, "b", false, List.of(), List.of(), List.of(), List.of())),
                new Profile("b", "B", Text.EMPTY, "a", false, List.of(), List.of(), List.of(), List.of()));
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class, () -> resolve(b, "a"));
        assertEquals("profile extends cycle: a -> b -> a", cycle.getMessage());
    }

    private static Benchmark withProfile(Benchmark b, Profile p) {
        List<Profile> profiles = new java.util.ArrayList<>(b.profiles());
        profiles.add(p);
        return new Benchmark(b.xccdfVersion(), b.id(), b.resolved(), b.style(), b.lang(), b.statuses(), b.title(),
                b.description(), b.version(), b.platforms(), b.references(), profiles, b.items());
    }
}
