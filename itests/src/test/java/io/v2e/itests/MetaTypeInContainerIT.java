package io.v2e.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The distribution's MetaTypeService (Felix metatype) reads what every configurable component
 * declares: an operator (or a console) can list each PID's attributes, what they mean and, for the
 * enum-typed ones, the accepted words.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetaTypeInContainerIT {

    /** The PIDs of etc/ (README "Configuration files in etc/"). */
    private static final List<String> PIDS = List.of("io.v2e.broker", "io.v2e.transport", "io.v2e.transport.policy",
            "io.v2e.tuning", "io.v2e.ssg.parser", "io.v2e.ssg.endpoint", "io.v2e.nats");

    @Inject
    private BundleContext context;

    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] config() {
        return ContainerBundles.options();
    }

    /** The definition of a PID, from the bundle that declares it. */
    private ObjectClassDefinition definition(String pid) {
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info != null && Arrays.asList(info.getPids()).contains(pid)) {
                return info.getObjectClassDefinition(pid, null);
            }
        }
        throw new AssertionError("no bundle declares metatype for PID " + pid);
    }

    private AttributeDefinition attribute(String pid, String id) {
        for (AttributeDefinition ad : definition(pid).getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            if (ad.getID().equals(id)) {
                return ad;
            }
        }
        throw new AssertionError(pid + " has no attribute " + id);
    }

    @Test
    public void everyPidOfEtcHasADefinitionWithAttributes() {
        for (String pid : PIDS) {
            ObjectClassDefinition ocd = definition(pid);
            assertTrue(pid + " has a description", ocd.getDescription() != null && !ocd.getDescription().isBlank());
            assertTrue(pid + " has attributes", ocd.getAttributeDefinitions(ObjectClassDefinition.ALL).length > 0);
        }
    }

    @Test
    public void everyAttributeHasADescription() {
        List<String> undescribed = new ArrayList<>();
        for (String pid : PIDS) {
            for (AttributeDefinition ad : definition(pid).getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                if (ad.getDescription() == null || ad.getDescription().isBlank()) {
                    undescribed.add(pid + "/" + ad.getID());
                }
            }
        }
        assertEquals("attributes without a description", List.of(), undescribed);
    }

    @Test
    public void attributeIdsAreTheKeysOfTheCfgFiles() {
        assertNotNull(attribute("io.v2e.broker", "queue_capacity"));
        assertNotNull(attribute("io.v2e.broker", "provider.target"));
        assertNotNull(attribute("io.v2e.ssg.parser", "window_size"));
        assertNotNull(attribute("io.v2e.ssg.parser", "drop_page_cache"));
        assertNotNull(attribute("io.v2e.ssg.endpoint", "cache_entries"));
        assertEquals("1073741824", attribute("io.v2e.ssg.parser", "window_size").getDefaultValue()[0]);
        assertEquals("false", attribute("io.v2e.nats", "enabled").getDefaultValue()[0]);
        assertNotNull(attribute("io.v2e.nats", "import_enabled"));
        assertNotNull(attribute("io.v2e.nats", "subject_prefix"));
        assertEquals("ssg", attribute("io.v2e.transport", "reserved_names").getDefaultValue()[0]);
        assertNotNull(attribute("io.v2e.transport", "name_tokens"));
        assertNotNull(attribute("io.v2e.transport.policy", "rules"));
    }

    @Test
    public void enumAttributesListTheirOptionValues() {
        Map<String, List<String>> expected = Map.of(
                "io.v2e.broker/offer_policy", List.of("block", "drop", "drop_oldest", "timeout"),
                "io.v2e.broker/idle_strategy", List.of("spin", "yield", "park", "backoff", "wake"),
                "io.v2e.broker/io_class", List.of("realtime", "best_effort", "idle", "none"),
                "io.v2e.broker/worker_scheduling", List.of("other", "batch", "idle", "fifo", "rr"),
                "io.v2e.transport/outbound_policy", List.of("drop", "drop_oldest", "timeout"),
                "io.v2e.transport.policy/default_action", List.of("allow", "deny"),
                "io.v2e.tuning/provider", List.of("auto", "jnr", "jna", "ffm", "noop"));
        expected.forEach((key, values) -> {
            String[] parts = key.split("/");
            AttributeDefinition ad = attribute(parts[0], parts[1]);
            assertNotNull(key + " lists option values", ad.getOptionValues());
            assertEquals(key, values, Arrays.asList(ad.getOptionValues()));
            assertEquals(key + " has a label per value", values.size(), ad.getOptionLabels().length);
            assertTrue(key + " default " + Arrays.toString(ad.getDefaultValue()) + " is one of its options",
                    values.contains(ad.getDefaultValue()[0]));
        });
    }
}
