package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.Group;
import io.v2e.ssg.api.ParseOptions;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.Reference;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.Value;

class XccdfFixtureTest {

    private static Benchmark benchmark() throws Exception {
        return Fixtures.parse("xccdf12-benchmark.xml", Benchmark.class);
    }

    private static Rule rule(Benchmark b, String id) {
        return b.allRules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void benchmarkAttributesAndHeaderElements() throws Exception {
        Benchmark b = benchmark();
        assertEquals("1.2", b.xccdfVersion());
        assertEquals("xccdf_test_benchmark_b", b.id());
        assertTrue(b.resolved());
        assertEquals("SCAP_1.2", b.style());
        assertEquals("en-US", b.lang());
        assertEquals(List.of(new Benchmark.Status("incomplete", "2020-01-01"), new Benchmark.Status("draft", "2021-02-03")),
                b.statuses());
        assertEquals(new Benchmark.Status("draft", "2021-02-03"), b.currentStatus().orElseThrow());
        assertEquals("Test & Benchmark", b.title());
        assertEquals("0.9", b.version());
        assertEquals(List.of("cpe:/o:test:os"), b.platforms());
        assertEquals(List.of(new Reference("https://example.org/ref", "Example Org")), b.references());
    }

    @Test
    void xhtmlBecomesPlainTextWithBreaksEntitiesAndPreservedCode() throws Exception {
        assertEquals("Line one\nLine two <x>\n  keep   this\n  as is\nend \u00a9", benchmark().description().plain());
        assertEquals("", benchmark().description().xhtml());
    }

    @Test
    void rawXhtmlIsKeptOnRequest() throws Exception {
        Benchmark b = (Benchmark) Fixtures.parse("xccdf12-benchmark.xml", ParseOptions.WITH_XHTML).document();
        assertEquals("Line one<h:br/>Line <h:code>two &lt;x&gt;</h:code>\n<h:pre>  keep   this\n  as is</h:pre>end \u00a9",
                b.description().xhtml());
        Rule r = rule(b, "xccdf_test_rule_on_by_default");
        assertEquals("echo <xccdf:sub idref=\"xccdf_test_value_name\" use=\"value\"/> &gt; /etc/x", r.fixes().get(0).text().xhtml());
    }

    @Test
    void profilesKeepSelectsValuesAndRefinements() throws Exception {
        List<Profile> profiles = benchmark().profiles();
        assertEquals(2, profiles.size());
        Profile base = profiles.get(0);
        assertEquals("xccdf_test_profile_base", base.id());
        assertEquals("Base", base.title());
        assertEquals("Base profile", base.description().plain());
        assertTrue(base.abstractProfile());
        assertEquals("", base.extendsId());
        assertEquals(List.of(new Profile.Select("xccdf_test_rule_off_by_default", true)), base.selects());
        assertEquals(List.of(new Profile.RefineValue("xccdf_test_value_len", "strict", "greater than or equal")),
                base.refineValues());
        assertEquals(List.of(new Profile.RefineRule("xccdf_test_rule_on_by_default", "5.5", "", "high", "unscored")),
                base.refineRules());
        Profile child = profiles.get(1);
        assertEquals("xccdf_test_profile_base", child.extendsId());
        assertFalse(child.abstractProfile());
        assertEquals(List.of(new Profile.Select("xccdf_test_rule_on_by_default", false),
                new Profile.Select("xccdf_test_rule_in_off_group", true)), child.selects());
        assertEquals(List.of(new Profile.SetValue("xccdf_test_value_name", "root")), child.setValues());
        assertEquals(Profile.class, child.getClass());
    }

    @Test
    void groupsNestAndKeepDocumentOrder() throws Exception {
        Benchmark b = benchmark();
        assertEquals(List.of("xccdf_test_value_len", "xccdf_test_group_top", "xccdf_test_rule_top_level"),
                b.items().stream().map(i -> i.id()).toList());
        Group top = (Group) b.items().get(1);
        assertEquals("Top group", top.title());
        assertEquals("Top group", top.description().plain());
        assertTrue(top.selected());
        assertEquals(List.of("#cpe_top"), top.platforms());
        assertEquals(List.of("xccdf_test_value_name", "xccdf_test_rule_on_by_default", "xccdf_test_rule_off_by_default",
                "xccdf_test_group_off"), top.items().stream().map(i -> i.id()).toList());
        Group off = (Group) top.items().get(3);
        assertFalse(off.selected());
        assertEquals(4, b.allRules().size());
        assertEquals(2, b.allGroups().size());
        assertEquals(2, b.allValues().size());
    }

    @Test
    void ruleKeepsEveryListedField() throws Exception {
        Rule r = rule(benchmark(), "xccdf_test_rule_on_by_default");
        assertEquals("On by default", r.title());
        assertEquals("Checks /etc/x.", r.description().plain());
        assertEquals("Because.", r.rationale().plain());
        assertEquals("medium", r.severity());
        assertEquals(2.0, r.weight());
        assertTrue(r.selected());
        assertEquals("full", r.role());
        assertEquals("1.0", r.version());
        assertEquals(List.of(new Rule.Ident("https://ncp.nist.gov/cce", "CCE-80000-0"),
                new Rule.Ident("http://cyber.mil/legacy", "SV-1")), r.idents());
        assertEquals(List.of(new Reference("https://example.org/nist", "AC-1"), new Reference("", "CCE-1")),
                r.references());
        assertEquals(List.of("#cpe_rule"), r.platforms());
        assertEquals(List.of("Be careful", "Second <warning>"), r.warnings().stream().map(t -> t.plain()).toList());
        assertEquals(List.of(
                new Rule.Check("http://oval.mitre.org/XMLSchema/oval-definitions-5", "sel",
                        List.of(new Rule.ContentRef("test-oval.xml", "oval:test:def:1")),
                        List.of(new Rule.Export("xccdf_test_value_name", "oval:test:var:1"))),
                new Rule.Check("http://scap.nist.gov/schema/ocil/2", "",
                        List.of(new Rule.ContentRef("test-ocil.xml", "")), List.of())), r.checks());
        Rule.Fix fix = r.fixes().get(0);
        assertEquals(List.of("fix1", "urn:xccdf:fix:script:sh", "cpe:/o:test:os", "low", "medium", "false", "configure",
                "echo  > /etc/x"), List.of(fix.id(), fix.system(), fix.platform(), fix.complexity(), fix.disruption(),
                fix.reboot(), fix.strategy(), fix.text().plain()));
        Rule.Fix bare = r.fixes().get(1);
        assertEquals(List.of("", "urn:xccdf:fix:script:ansible", "", "", "", "", "", "- name: x"), List.of(bare.id(),
                bare.system(), bare.platform(), bare.complexity(), bare.disruption(), bare.reboot(), bare.strategy(),
                bare.text().plain()));
    }

    @Test
    void absentRuleAttributesTakeTheXccdfDefaults() throws Exception {
        Rule r = rule(benchmark(), "xccdf_test_rule_top_level");
        assertTrue(r.selected(), "selected defaults to true");
        assertEquals("unknown", r.severity());
        assertEquals(1.0, r.weight());
        assertEquals("full", r.role());
        assertEquals("", r.version());
        assertEquals("", r.description().plain());
        assertFalse(rule(benchmark(), "xccdf_test_rule_off_by_default").selected());
    }

    @Test
    void valueKeepsValuesDefaultsBoundsAndChoicesBySelector() throws Exception {
        Value v = benchmark().allValues().get(0);
        assertEquals("xccdf_test_value_len", v.id());
        assertEquals("number", v.type());
        assertEquals("greater than", v.operator());
        assertTrue(v.interactive());
        assertEquals("Length", v.title());
        assertEquals("Minimum length", v.description().plain());
        assertEquals(Map.of("", "8", "strict", "14"), v.values());
        assertEquals(List.of("", "strict"), List.copyOf(v.values().keySet()));
        assertEquals(Map.of("", "6"), v.defaults());
        assertEquals(Map.of("", "1", "strict", "10"), v.lowerBounds());
        assertEquals(Map.of("", "64"), v.upperBounds());
        assertEquals(Map.of("", List.of("8", "14")), v.choices());
        Value name = benchmark().allValues().get(1);
        assertEquals("string", name.type());
        assertEquals("equals", name.operator());
        assertFalse(name.interactive());
    }

    @Test
    void xccdf11BenchmarkIsReadWithTheSameModel() throws Exception {
        Benchmark b = Fixtures.parse("xccdf11-benchmark.xml", Benchmark.class);
        assertEquals("1.1", b.xccdfVersion());
        assertEquals("RHEL-6", b.id());
        assertFalse(b.resolved());
        assertEquals("en", b.lang());
        assertEquals(List.of(new Benchmark.Status("accepted", "2011-05-01")), b.statuses());
        assertEquals("XCCDF 1.1 benchmark", b.title());
        assertEquals("Old format", b.description().plain());
        assertEquals("1.1.0", b.version());
        Profile p = b.profiles().get(0);
        assertEquals("common", p.id());
        assertEquals(List.of(new Profile.Select("rule-b", true)), p.selects());
        assertEquals(List.of(new Profile.RefineValue("value-a", "long", "")), p.refineValues());
        Rule a = b.allRules().get(0);
        assertEquals("rule-a", a.id());
        assertEquals("low", a.severity());
        assertEquals("Rule A text", a.description().plain());
        assertEquals(List.of(new Rule.Ident("http://cce.mitre.org", "CCE-3999-0")), a.idents());
        assertEquals(List.of(new Rule.Check("http://oval.mitre.org/XMLSchema/oval-definitions-5", "",
                List.of(new Rule.ContentRef("old-oval.xml", "oval:old:def:1")),
                List.of(new Rule.Export("value-a", "oval:old:var:1")))), a.checks());
        Rule rb = b.allRules().get(1);
        assertFalse(rb.selected());
        assertEquals(0.5, rb.weight());
        assertEquals("true", rb.fixes().get(0).text().plain());
        assertEquals(Map.of("", "5", "long", "30"), b.allValues().get(0).values());
    }
}
