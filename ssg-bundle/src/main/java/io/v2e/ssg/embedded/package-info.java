/**
 * The SSG parser without OSGi, for tests, benchmarks and programs that want the real parser (its
 * mapped windows, kernel hints and limits) in their own JVM: {@link io.v2e.ssg.embedded.EmbeddedSsgParser}; and
 * {@code ssg:import}'s parallel import: {@link io.v2e.ssg.embedded.EmbeddedImport} (1.1.0).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.v2e.ssg.embedded;
