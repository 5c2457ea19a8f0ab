package io.v2e.metrics.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The container's metrics, read at the moment of the call. Threading: any thread; each call takes
 * its own snapshot (no caching), so a scrape costs one broker stats walk and one /proc read per worker.
 */
@ProviderType
public interface Metrics {

    /** The Content-Type of {@link #prometheusText()}: Prometheus text exposition format 0.0.4. */
    String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Every metric family in the Prometheus text exposition format, ending with a newline. */
    String prometheusText();
}
