/**
 * The broker without OSGi, for tests, benchmarks and programs that want the real broker (its
 * workers, queues, RPCs and tuning) in their own JVM: {@link io.v2e.broker.embedded.EmbeddedBroker}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.v2e.broker.embedded;
