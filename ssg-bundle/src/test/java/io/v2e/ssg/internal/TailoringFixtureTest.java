package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.Tailoring;

/** Standalone XCCDF 1.2 tailoring files: every field the model keeps, the oscap-style text, the JSON. */
class TailoringFixtureTest {

    private static final String STIG = "xccdf_org.ssgproject.content_profile_stig";

    @Test
    void tailoringKeepsItsBenchmarkReferenceStatusAndVersion() throws Exception {
        Tailoring t = Fixtures.parse("tailoring-firefox.xml", Tailoring.class);
        assertEquals("XCCDF Tailoring", t.documentType());
        assertEquals("xccdf_io.v2e_tailoring_firefox", t.id());
        assertEquals("/usr/share/xml/scap/ssg/content/ssg-firefox-ds.xml", t.benchmarkHref());
        assertEquals("xccdf_org.ssgproject.content_benchmark_FIREFOX", t.benchmarkId());
        assertEquals(List.of(new Benchmark.Status("incomplete", "2024-05-06")), t.statuses());
        assertEquals("3", t.version());
    }

    @Test
    void tailoringProfilesKeepTheirExtendsSelectionsAndValues() throws Exception {
        List<Profile> profiles = Fixtures.parse("tailoring-firefox.xml", Tailoring.class).profiles();
        assertEquals(List.of("xccdf_io.v2e_profile_stig_tailored", "xccdf_io.v2e_profile_base",
                "xccdf_io.v2e_profile_untitled"), profiles.stream().map(Profile::id).toList());
        Profile tailored = profiles.get(0);
        assertEquals(STIG, tailored.extendsId());
        assertEquals("Firefox STIG without crypto-mining blocking", tailored.title());
        assertEquals(List.of(new Profile.Select("xccdf_org.ssgproject.content_rule_firefox_policy-cryptomining", false)),
                tailored.selects());
        assertEquals(List.of(new Profile.SetValue("xccdf_org.ssgproject.content_value_var_default_home_page",
                "https://example.org/")), tailored.setValues());
        assertTrue(profiles.get(1).abstractProfile());
        assertEquals("", profiles.get(2).title());
    }

    @Test
    void tailoringIsRenderedAsOscapInfoPrintsIt() throws Exception {
        Path file = Fixtures.path("/fixtures/tailoring-minimal.xml");
        String imported = OscapStyleInfo.render(Fixtures.parser().parse(file).document(), Files.getLastModifiedTime(file))
                .lines().toList().get(1);
        assertEquals(List.of("Document type: XCCDF Tailoring", imported, "Benchmark Hint: (null)", "Profiles:",
                "\tTitle: Only profile", "\t\tId: xccdf_io.v2e_profile_only"),
                OscapStyleInfo.render(Fixtures.parser().parse(file).document(), Files.getLastModifiedTime(file))
                        .lines().toList());
        assertTrue(imported.startsWith("Imported: "), imported);
    }

    @Test
    void tailoringJsonListsTheBenchmarkAndProfiles() throws Exception {
        SsgShell shell = new SsgShell(Fixtures.parser(), Fixtures::sample);
        JsonNode json = new ObjectMapper().readTree(shell.info(List.of(Fixtures.path("/fixtures/tailoring-firefox.xml")
                .toString(), "--json")));
        assertEquals("XCCDF Tailoring", json.get("documentType").asText());
        JsonNode t = json.get("tailoring");
        assertEquals("/usr/share/xml/scap/ssg/content/ssg-firefox-ds.xml", t.get("benchmarkHref").asText());
        assertEquals(3, t.get("profiles").size());
        assertEquals("xccdf_io.v2e_profile_base", t.get("profiles").get(1).get("id").asText());
        assertTrue(t.get("profiles").get(1).get("abstract").asBoolean());
    }

    @Test
    void tailoringComponentOfADataStreamIsParsedAsTailoring() throws Exception {
        DataStreamCollection ds = Fixtures.parse("datastream-tailoring.xml", DataStreamCollection.class);
        Tailoring t = (Tailoring) ds.components().stream().filter(c -> c.id().equals("scap_test_comp_tailoring"))
                .findFirst().orElseThrow().content();
        assertEquals("#scap_test_comp_xccdf", t.benchmarkHref());
        assertEquals(List.of("xccdf_test_profile_tailored"), t.profiles().stream().map(Profile::id).toList());
        assertEquals(List.of("scap_test_cref_xccdf", "scap_test_cref_tailoring"),
                ds.dataStreams().get(0).checklists().stream().map(DataStreamCollection.ComponentRef::id).toList());
    }

    @Test
    void tailoringComponentJsonIsUnderItsChecklist() throws Exception {
        SsgShell shell = new SsgShell(Fixtures.parser(), Fixtures::sample);
        JsonNode checklists = new ObjectMapper().readTree(shell.info(List.of(Fixtures.path(
                "/fixtures/datastream-tailoring.xml").toString(), "--json"))).get("streams").get(0).get("checklists");
        assertEquals("scap_test_cref_tailoring", checklists.get(1).get("refId").asText());
        assertEquals("#scap_test_comp_xccdf", checklists.get(1).get("tailoring").get("benchmarkHref").asText());
        assertEquals(null, checklists.get(0).get("tailoring"), "a benchmark checklist has no tailoring member");
    }

    @Test
    void xccdf11TailoringKeepsItsBenchmarkReferenceStatusVersionAndProfiles() throws Exception {
        Tailoring t = Fixtures.parse("tailoring-xccdf11.xml", Tailoring.class);
        assertEquals("xccdf_io.v2e_tailoring_xccdf11", t.id());
        assertEquals("xccdf11-benchmark.xml", t.benchmarkHref());
        assertEquals(List.of(new Benchmark.Status("draft", "2013-08-30")), t.statuses());
        assertEquals("2", t.version());
        Profile tailored = t.profiles().get(0);
        assertEquals(List.of("common_tailored", "common", "Common, with rule A off"),
                List.of(tailored.id(), tailored.extendsId(), tailored.title()));
        assertEquals(List.of(new Profile.Select("rule-a", false)), tailored.selects());
        assertEquals(List.of(new Profile.SetValue("value-a", "12")), tailored.setValues());
        assertEquals("both", t.profiles().get(1).id());
    }
}
