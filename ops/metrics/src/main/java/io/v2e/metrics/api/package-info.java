/**
 * The container's metrics: {@link io.v2e.metrics.api.Metrics} renders them in the Prometheus text
 * exposition format (what the optional HTTP bundle serves at {@code /metrics}); other bundles add
 * their own numbers as {@link io.v2e.metrics.api.MetricsSource} services (1.1).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.v2e.metrics.api;
