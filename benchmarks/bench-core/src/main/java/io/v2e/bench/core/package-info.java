/**
 * The load loop of the v2e benchmarks, one copy for the plain-JVM harness and the in-container
 * bench bundle: {@link io.v2e.bench.core.OfferedLoad} drives a {@link io.v2e.bench.core.HandOff}
 * (one system under test) from the calling thread at a fixed offered rate, with latency measured
 * from each message's intended send time (coordinated omission corrected), or flat out with at
 * most {@link io.v2e.bench.core.LatencyProbe#WINDOW} messages in flight; the
 * {@link io.v2e.bench.core.LatencyProbe} on the system's consumer side records each delivery.
 * <p>
 * The bench-core jar exports this package (a bnd instruction in its pom rather than
 * {@code @Export} here, so that the bench bundle, which embeds a copy, does not export it too).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.v2e.bench.core;
