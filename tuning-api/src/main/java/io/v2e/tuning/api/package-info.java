/**
 * The kernel tuning contract: a {@link io.v2e.tuning.api.TuningProvider} service pins and
 * prioritises the calling thread and gives the kernel memory and page-cache hints.
 * <p>
 * A kernel refusal is a value ({@link io.v2e.tuning.api.Outcome} DENIED with the errno name),
 * never an exception; a programming error (bad argument) is an exception.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package io.v2e.tuning.api;
