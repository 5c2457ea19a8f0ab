package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ResolvedProfile;

/**
 * The vendored ssg-chromium-ds.xml (ssg-applications 0.1.65-1) against what {@code oscap info} and
 * {@code oscap xccdf generate fix --profile stig} of OpenSCAP 1.3.7 print for it (always runs).
 */
class VendoredSampleTest {

    @Test
    void dataStreamMatchesOscapInfo() throws Exception {
        ParseResult result = Fixtures.parser().parse(Fixtures.sample());
        DataStreamCollection ds = (DataStreamCollection) result.document();
        DataStreamCollection.DataStream stream = ds.dataStreams().get(0);
        assertEquals("scap_org.open-scap_datastream_from_xccdf_ssg-chromium-xccdf.xml", stream.id());
        assertEquals("1.3", stream.scapVersion());
        assertEquals(List.of("scap_org.open-scap_cref_ssg-chromium-xccdf.xml"),
                stream.checklists().stream().map(r -> r.id()).toList());
        assertEquals(List.of("scap_org.open-scap_cref_ssg-chromium-oval.xml", "scap_org.open-scap_cref_ssg-chromium-ocil.xml",
                "scap_org.open-scap_cref_ssg-chromium-cpe-oval.xml"), stream.checks().stream().map(r -> r.id()).toList());
        assertEquals(List.of("scap_org.open-scap_cref_ssg-chromium-cpe-dictionary.xml"),
                stream.dictionaries().stream().map(r -> r.id()).toList());
        Benchmark b = (Benchmark) ds.component(stream.checklists().get(0)).orElseThrow().content();
        assertEquals(new Benchmark.Status("draft", "2022-12-21"), b.currentStatus().orElseThrow());
        assertTrue(b.resolved());
        assertEquals(1, b.profiles().size());
        assertEquals("Upstream STIG for Google Chromium", b.profiles().get(0).title());
        assertEquals("xccdf_org.ssgproject.content_profile_stig", b.profiles().get(0).id());
        assertEquals(37, result.statistics().rules());
        assertEquals(Files.size(Fixtures.sample()), result.statistics().bytes());
    }

    @Test
    void stigProfileSelectsTheRulesOscapRemediates() throws Exception {
        DataStreamCollection ds = (DataStreamCollection) Fixtures.parser().parse(Fixtures.sample()).document();
        Benchmark b = (Benchmark) ds.components().stream().filter(c -> c.content() instanceof Benchmark).findFirst()
                .orElseThrow().content();
        ResolvedProfile stig = Fixtures.parser().resolveProfile(b, "xccdf_org.ssgproject.content_profile_stig");
        assertEquals(37, stig.selectedRules().size());
        assertEquals("xccdf_org.ssgproject.content_rule_chromium_blacklist_extension_installation",
                stig.selectedRuleIds().get(0));
        assertEquals(List.of(), Fixtures.parser().resolveProfile(b, null).selectedRules(),
                "every SSG rule is selected=false outside a profile");
    }
}
