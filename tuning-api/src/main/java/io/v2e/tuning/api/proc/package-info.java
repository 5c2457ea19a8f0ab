/**
 * The kernel's own account of a thread, read from /proc independently of any
 * {@link io.v2e.tuning.api.TuningProvider}: what a caller reads back to check what a provider did
 * (affinity, nice, scheduling policy, the CPU it last ran on). It works with the noop provider and
 * on a host where no provider binds; where /proc does not exist every value is empty.
 * <p>
 * 1.1: another process's threads ({@code tasksOf(pid)}, {@code stat(pid, tid)},
 * {@code cpusAllowedList(pid, tid)}).
 * <p>
 * 1.2: {@code processCpus()}, the process's allowed CPUs as a set, for callers without a provider.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.v2e.tuning.api.proc;
