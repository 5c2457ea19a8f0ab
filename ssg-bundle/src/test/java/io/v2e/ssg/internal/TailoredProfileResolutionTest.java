package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.Tailoring;
import io.v2e.ssg.api.Text;

/**
 * A tailoring applied to a benchmark, as {@code oscap --tailoring-file} applies it (each rule
 * below was seen in oscap 1.3.7; OscapComparisonIT compares the fixtures with oscap itself).
 * Benchmark: xccdf12-benchmark.xml (rules ON and TOP selected by default, OFF not, IN_OFF_GROUP in
 * an unselected group; abstract profile base, child extends it).
 */
class TailoredProfileResolutionTest {

    private static final String ON = "xccdf_test_rule_on_by_default";
    private static final String OFF = "xccdf_test_rule_off_by_default";
    private static final String TOP = "xccdf_test_rule_top_level";
    private static final String CHILD = "xccdf_test_profile_child";
    private static final String LEN = "xccdf_test_value_len";

    private static Benchmark benchmark() throws Exception {
        return Fixtures.parse("xccdf12-benchmark.xml", Benchmark.class);
    }

    private static Profile profile(String id, String extendsId, boolean isAbstract, List<Profile.Select> selects,
            List<Profile.RefineValue> refineValues) {
        return new Profile(id, id + " title", Text.EMPTY, extendsId, isAbstract, selects, List.of(), refineValues,
                List.of());
    }

    private static Tailoring tailoring(Profile... profiles) {
        return new Tailoring("xccdf_test_tailoring_t", "", "", List.of(), "1", List.of(profiles));
    }

    private static ResolvedProfile resolve(Tailoring t, String profileId) throws Exception {
        return Fixtures.parser().resolveProfile(benchmark(), t, profileId);
    }

    @Test
    void tailoringProfileExtendsABenchmarkProfile() throws Exception {
        Tailoring t = tailoring(profile("t1", CHILD, false, List.of(new Profile.Select(TOP, false)), List.of()));
        ResolvedProfile r = resolve(t, "t1");
        assertEquals(List.of(OFF), r.selectedRuleIds(), "child selects OFF and unselects ON; t1 unselects TOP");
        assertEquals(List.of("t1", CHILD, "xccdf_test_profile_base"), r.extendsChain());
        assertEquals("root", r.values().get("xccdf_test_value_name"), "the child's set-value is inherited");
    }

    @Test
    void tailoringProfileWithABenchmarkProfilesIdReplacesIt() throws Exception {
        Tailoring t = tailoring(profile(CHILD, "", false, List.of(new Profile.Select(OFF, true)), List.of()));
        ResolvedProfile r = resolve(t, CHILD);
        assertEquals(List.of(ON, OFF, TOP), r.selectedRuleIds(), "the benchmark's child (which unselects ON) is not used");
        assertEquals(List.of(CHILD), r.extendsChain());
    }

    @Test
    void tailoringProfileExtendingItsOwnIdExtendsTheBenchmarkProfile() throws Exception {
        Tailoring t = tailoring(profile(CHILD, CHILD, false, List.of(new Profile.Select(TOP, false)), List.of()));
        assertEquals(List.of(OFF), resolve(t, CHILD).selectedRuleIds());
    }

    @Test
    void extendsPrefersTheTailoringsProfileOfThatId() throws Exception {
        Tailoring t = tailoring(profile(CHILD, "", false, List.of(new Profile.Select(OFF, true)), List.of()),
                profile("t2", CHILD, false, List.of(), List.of()));
        assertEquals(List.of(ON, OFF, TOP), resolve(t, "t2").selectedRuleIds());
    }

    @Test
    void abstractTailoringProfileResolvesAsOscapEvaluatesIt() throws Exception {
        Tailoring t = tailoring(profile("abs", "", true, List.of(new Profile.Select(ON, false)), List.of()));
        assertEquals(List.of(TOP), resolve(t, "abs").selectedRuleIds());
    }

    @Test
    void abstractBenchmarkProfileIsStillRefusedWithATailoring() throws Exception {
        Tailoring t = tailoring(profile("t1", "", false, List.of(), List.of()));
        assertEquals("profile xccdf_test_profile_base is abstract: it can only be extended",
                assertThrows(IllegalArgumentException.class, () -> resolve(t, "xccdf_test_profile_base")).getMessage());
    }

    @Test
    void selectorNoValueCarriesLeavesTheValueUnresolved() throws Exception {
        Tailoring t = tailoring(profile("t1", "", false, List.of(),
                List.of(new Profile.RefineValue(LEN, "no_such_selector", ""))));
        ResolvedProfile r = resolve(t, "t1");
        assertFalse(r.values().containsKey(LEN), "oscap: Invalid selector ... Using null value instead");
        assertEquals("nobody", r.values().get("xccdf_test_value_name"));
    }

    @Test
    void benchmarkProfilesStillResolveThroughATailoring() throws Exception {
        Tailoring t = tailoring(profile("t1", "", false, List.of(), List.of()));
        assertEquals(Fixtures.parser().resolveProfile(benchmark(), CHILD), resolve(t, CHILD));
    }

    @Test
    void missingExtendsNamesTheTailoringToo() throws Exception {
        Tailoring t = tailoring(profile("t1", "nope", false, List.of(), List.of()));
        assertEquals("profile t1 extends missing profile nope in benchmark xccdf_test_benchmark_b or its tailoring",
                assertThrows(IllegalArgumentException.class, () -> resolve(t, "t1")).getMessage());
    }

    @Test
    void extendsCycleWithinTheTailoringIsRefused() throws Exception {
        Tailoring t = tailoring(profile("a", "b", false, List.of(), List.of()), profile("b", "a", false, List.of(), List.of()));
        assertEquals("profile extends cycle: a -> b -> a",
                assertThrows(IllegalArgumentException.class, () -> resolve(t, "a")).getMessage());
    }

    @Test
    void xccdf11TailoringFileAppliesToAnXccdf11Benchmark() throws Exception {
        Benchmark b = Fixtures.parse("xccdf11-benchmark.xml", Benchmark.class);
        Tailoring t = Fixtures.parse("tailoring-xccdf11.xml", Tailoring.class);
        ResolvedProfile r = Fixtures.parser().resolveProfile(b, t, "common_tailored");
        assertEquals(List.of("rule-b"), r.selectedRuleIds());
        assertEquals("12", r.values().get("value-a"));
        assertEquals(List.of("rule-a", "rule-b"), Fixtures.parser().resolveProfile(b, t, "both").selectedRuleIds());
    }
}
