package io.v2e.metrics.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's own numbers for the metrics export (whiteboard): a service with the property
 * {@value #SOURCE} naming it. The metrics bundle reads it at every scrape and JMX refresh and exports
 * each {@link Metric} as the Prometheus family {@code v2e_<source>_<name>} and as an attribute of the
 * MBean {@code io.v2e:type=Source,name=<source>}.
 * <p>
 * Threading: {@link #metrics()} is called from any thread (a scrape, the JMX refresh) and must be
 * cheap and never block: read counters, do no I/O.
 */
@ConsumerType
public interface MetricsSource {

    /** Service property: the source's name, lower-case letters, digits and {@code _} ({@code transport}, {@code ssg}). */
    String SOURCE = "metrics.source";

    /** The current values, in the order they are to be exported. */
    List<Metric> metrics();
}
