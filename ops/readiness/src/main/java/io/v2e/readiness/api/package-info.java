/**
 * The container's readiness: the OSGi condition {@value io.v2e.readiness.api.Readiness#CONDITION_ID}
 * (an {@code org.osgi.service.condition.Condition} service with {@code osgi.condition.id=v2e.ready})
 * is registered while the broker, its tuned workers and the configured components and endpoints are
 * up, and {@link io.v2e.readiness.api.Readiness} tells what is still missing.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.v2e.readiness.api;
