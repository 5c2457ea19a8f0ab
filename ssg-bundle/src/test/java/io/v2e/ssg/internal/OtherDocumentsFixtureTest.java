package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.CpeDictionary;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.DataStreamCollection.CatalogUri;
import io.v2e.ssg.api.DataStreamCollection.ComponentRef;
import io.v2e.ssg.api.OcilDocument;
import io.v2e.ssg.api.OvalDefinitions;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.UnrecognizedContent;

class OtherDocumentsFixtureTest {

    @Test
    void ovalDefinitionsKeepMetadataAndCountOtherElementsByType() throws Exception {
        OvalDefinitions oval = Fixtures.parse("oval.xml", OvalDefinitions.class);
        assertEquals("5.11.2", oval.schemaVersion());
        assertEquals("2022-12-20T09:54:05", oval.timestamp());
        assertEquals(List.of(
                new OvalDefinitions.Definition("oval:test:def:1", "3", "compliance", "Test definition", "Checks \"x\".",
                        "unix", List.of("Debian 11", "Debian 12"),
                        List.of(new OvalDefinitions.Reference("ssg", "rule_x", "https://example.org/x"),
                                new OvalDefinitions.Reference("CCE", "CCE-1", ""))),
                new OvalDefinitions.Definition("oval:test:def:2", "1", "inventory", "Installed", "Inventory", "",
                        List.of(), List.of())), oval.definitions());
        assertEquals(Map.of("independent:textfilecontent54_test", 2, "unix:file_test", 1), oval.tests());
        assertEquals(Map.of("independent:textfilecontent54_object", 1), oval.objects());
        assertEquals(Map.of("unix:file_state", 1), oval.states());
        assertEquals(Map.of("external_variable", 2, "local_variable", 1), oval.variables());
        assertEquals(3, OvalDefinitions.total(oval.tests()));
    }

    @Test
    void ocilQuestionnairesLinkToTheirQuestionTexts() throws Exception {
        OcilDocument ocil = Fixtures.parse("ocil.xml", OcilDocument.class);
        assertEquals(List.of(
                new OcilDocument.Questionnaire("ocil:test:questionnaire:1", "Check the thing",
                        List.of("Run\n  $ grep x /etc/y\nIs it <set>?")),
                new OcilDocument.Questionnaire("ocil:test:questionnaire:2", "No actions", List.of())),
                ocil.questionnaires());
    }

    @Test
    void cpeItemsKeepNameFirstTitleAndChecks() throws Exception {
        CpeDictionary cpe = Fixtures.parse("cpe-dictionary.xml", CpeDictionary.class);
        assertEquals(List.of(
                new CpeDictionary.Item("cpe:/o:debian:debian_linux:11", "Debian 11",
                        List.of(new CpeDictionary.Check("http://oval.mitre.org/XMLSchema/oval-definitions-5",
                                "test-cpe-oval.xml", "oval:test:def:11"))),
                new CpeDictionary.Item("cpe:/a:test:nocheck", "No check", List.of())), cpe.items());
    }

    @Test
    void dataStreamKeepsComponentRefsCatalogsAndTypedComponents() throws Exception {
        DataStreamCollection ds = Fixtures.parse("datastream.xml", DataStreamCollection.class);
        assertEquals("scap_test_collection", ds.id());
        assertEquals("1.3", ds.schematronVersion());
        DataStreamCollection.DataStream stream = ds.dataStreams().get(0);
        assertEquals(List.of("scap_test_datastream", "1.3", "OTHER", "2022-12-20T09:54:05"),
                List.of(stream.id(), stream.scapVersion(), stream.useCase(), stream.timestamp()));
        assertEquals(List.of(new ComponentRef("scap_test_cref_cpe", "#scap_test_comp_cpe",
                List.of(new CatalogUri("test-cpe-oval.xml", "#scap_test_cref_oval")))), stream.dictionaries());
        assertEquals(List.of(new ComponentRef("scap_test_cref_xccdf", "#scap_test_comp_xccdf",
                List.of(new CatalogUri("test-oval.xml", "#scap_test_cref_oval"),
                        new CatalogUri("test-ocil.xml", "#scap_test_cref_ocil")))), stream.checklists());
        assertEquals(List.of(new ComponentRef("scap_test_cref_oval", "#scap_test_comp_oval", List.of()),
                new ComponentRef("scap_test_cref_ocil", "#scap_test_comp_ocil", List.of())), stream.checks());

        assertEquals(List.of("scap_test_comp_cpe", "scap_test_comp_xccdf", "scap_test_comp_oval", "scap_test_comp_ocil",
                "scap_test_ext"), ds.components().stream().map(c -> c.id()).toList());
        assertEquals(List.of("2022-12-20T09:54:01", "2022-12-20T09:54:02", "2022-12-20T09:54:03", "2022-12-20T09:54:04",
                "2022-12-20T09:54:05"), ds.components().stream().map(c -> c.timestamp()).toList());
        assertEquals("App", ((CpeDictionary) ds.components().get(0).content()).items().get(0).title());
        Benchmark b = assertInstanceOf(Benchmark.class, ds.component(stream.checklists().get(0)).orElseThrow().content());
        assertEquals("xccdf_test_benchmark_ds", b.id());
        assertEquals("oval:test:def:9",
                ((OvalDefinitions) ds.components().get(2).content()).definitions().get(0).id());
        assertEquals(List.of(), ((OcilDocument) ds.components().get(3).content()).questionnaires());
        assertEquals(new UnrecognizedContent("urn:example:other", "other"), ds.components().get(4).content());
    }

    @Test
    void statisticsCountWhatWasRead() throws Exception {
        ParseStatistics s = Fixtures.parser().parse(Fixtures.path("/fixtures/datastream.xml")).statistics();
        assertEquals(List.of(1, 0, 0, 1, 1, 1, 0, 1), List.of(s.rules(), s.groups(), s.values(), s.profiles(),
                s.ovalDefinitions(), s.cpeItems(), s.ocilQuestionnaires(), (int) (s.bytes() > 0 ? 1 : 0)));
        assertEquals(java.nio.file.Files.size(Fixtures.path("/fixtures/datastream.xml")), s.bytes());
        assertEquals(38, s.elements(), "elements counted independently with Python ElementTree");
    }
}
