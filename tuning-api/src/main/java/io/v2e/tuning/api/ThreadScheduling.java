package io.v2e.tuning.api;

import java.util.Objects;

/**
 * A thread's CPU scheduling policy and its static priority, as sched_setscheduler(2) takes them.
 *
 * @param policy   the policy
 * @param priority 1..99 for the real-time policies (FIFO, RR; higher runs first), 0 for the others
 */
public record ThreadScheduling(SchedulingPolicy policy, int priority) {

    /** The default of every new thread: SCHED_OTHER, priority 0. */
    public static final ThreadScheduling OTHER = new ThreadScheduling(SchedulingPolicy.OTHER, 0);

    /** @throws IllegalArgumentException when the priority does not fit the policy */
    public ThreadScheduling {
        Objects.requireNonNull(policy, "policy");
        if (policy.isRealTime()) {
            if (priority < SchedulingPolicy.MIN_REALTIME_PRIORITY || priority > SchedulingPolicy.MAX_REALTIME_PRIORITY) {
                throw new IllegalArgumentException("a " + policy.configName() + " priority must be "
                        + SchedulingPolicy.MIN_REALTIME_PRIORITY + ".." + SchedulingPolicy.MAX_REALTIME_PRIORITY
                        + ", was " + priority);
            }
        } else if (priority != 0) {
            throw new IllegalArgumentException("policy " + policy.configName()
                    + " takes priority 0 (only fifo and rr take 1..99), was " + priority);
        }
    }

    /** {@code fifo/10}, {@code other/0}. */
    @Override
    public String toString() {
        return policy.configName() + "/" + priority;
    }
}
