/**
 * The container's metrics: {@link io.v2e.metrics.api.Metrics} renders them in the Prometheus text
 * exposition format (what the optional HTTP bundle serves at {@code /metrics}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.v2e.metrics.api;
