/**
 * The kernel tuning contract: a {@link io.v2e.tuning.api.TuningProvider} service pins and
 * prioritises the calling thread and gives the kernel memory and page-cache hints.
 * <p>
 * A kernel refusal is a value ({@link io.v2e.tuning.api.Outcome} DENIED with the errno name),
 * never an exception; a programming error (bad argument) is an exception.
 * <p>
 * 2.1: process-level (pid-targeted) operations: {@code pinProcess}, {@code setProcessNice},
 * {@code setProcessIoPriority}, {@code setProcessScheduling} (every thread of a process) and
 * {@code ioPriorityOf(tid)}; {@link io.v2e.tuning.api.ProcessArguments}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.v2e.tuning.api;
