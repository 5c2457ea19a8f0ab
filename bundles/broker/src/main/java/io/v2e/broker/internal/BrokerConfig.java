package io.v2e.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.v2e.config.tuning.IoClassName;
import io.v2e.config.tuning.SchedulingName;

/**
 * The broker's configuration (PID {@value BrokerComponent#PID}). Method names with a double
 * underscore map to property keys with one underscore ({@code queue__capacity} is
 * {@code queue_capacity}), per Declarative Services' naming rules.
 */
// pid given here, not by @Designate: the component also reads the provider selection's PID, and
// @Designate needs a component with exactly one
@ObjectClassDefinition(pid = BrokerComponent.PID, name = "v2e broker", description = "Routing workers, queues and limits of the v2e message broker."
        + " A bad value is rejected (logged) and the previous configuration stays in force.")
@interface BrokerConfig {

    @AttributeDefinition(description = "Number of worker threads; 0 = one per CPU of the working set (see cpus).")
    int workers() default 0;

    @AttributeDefinition(description = "Linux cpulist narrowing the CPUs workers are pinned to, e.g. 0-3,6; "
            + "empty = every CPU the tuning provider reports as allowed. Worker i is pinned to the i-th CPU of the set.")
    String cpus() default "";

    @AttributeDefinition(description = "Nice value (-20..19) each worker sets on itself; lowering it needs CAP_SYS_NICE."
            + " Default 0: measured, -10 made the socket path slower (an idle worker's spin phase then outweighs the"
            + " endpoints and clients it serves 9 to 1 on the CPUs they share).")
    int nice() default 0;

    @AttributeDefinition(name = "io_class", description = "I/O scheduling class of the workers (none: leave it as inherited).",
            options = {@Option(value = "realtime", label = "realtime (needs CAP_SYS_ADMIN or CAP_SYS_NICE)"),
                    @Option(value = "best_effort", label = "best_effort"), @Option(value = "idle", label = "idle"),
                    @Option(value = "none", label = "none")})
    IoClassName io__class() default IoClassName.realtime;

    @AttributeDefinition(name = "io_level", description = "I/O priority level 0 (highest) .. 7 (lowest).")
    int io__level() default 0;

    @AttributeDefinition(name = "worker_scheduling", description = "CPU scheduling policy each worker sets on itself: "
            + "other (the default: the kernel's normal policy, nothing changes), batch, idle, or the real-time fifo or rr "
            + "(needs CAP_SYS_NICE or RLIMIT_RTPRIO; a real-time worker runs before every normal thread on its CPU). "
            + "fifo and rr require idle_strategy=wake or park: a busy-waiting real-time thread would starve its CPU.",
            options = {@Option(value = "other", label = "other (SCHED_OTHER, unchanged)"),
                    @Option(value = "batch", label = "batch (SCHED_BATCH)"), @Option(value = "idle", label = "idle (SCHED_IDLE)"),
                    @Option(value = "fifo", label = "fifo (SCHED_FIFO, real-time)"),
                    @Option(value = "rr", label = "rr (SCHED_RR, real-time)")})
    SchedulingName worker__scheduling() default SchedulingName.other;

    @AttributeDefinition(name = "worker_rt_priority", description = "Real-time priority 1..99 of the workers under "
            + "worker_scheduling fifo or rr (higher runs first; the kernel's own threads commonly use 50 and up); "
            + "not used by the other policies.")
    int worker__rt__priority() default 10;

    @AttributeDefinition(name = "queue_capacity", description = "Messages each endpoint's queue holds before the offer policy applies (1..1048576).")
    int queue__capacity() default 65536;

    @AttributeDefinition(name = "offer_policy", description = "When a queue is full. Dropped requests are answered with an error.",
            options = {@Option(value = "block", label = "block: wait for room"),
                    @Option(value = "drop", label = "drop: the new message"),
                    @Option(value = "drop_oldest", label = "drop_oldest: the oldest queued"),
                    @Option(value = "timeout", label = "timeout: wait up to offer_timeout_ms, then drop")})
    OfferPolicy offer__policy() default OfferPolicy.block;

    @AttributeDefinition(name = "offer_timeout_ms", description = "Longest wait for room under offer_policy=timeout, in ms (>= 1).")
    long offer__timeout__ms() default 100;

    @AttributeDefinition(name = "request_timeout_ms", description = "Default time a request waits for its answer, in ms (>= 1).")
    long request__timeout__ms() default 30000;

    @AttributeDefinition(name = "max_message_bytes", description = "Largest message payload accepted, in bytes (>= 1); larger requests are answered with an error.")
    int max__message__bytes() default 52428800;

    @AttributeDefinition(name = "idle_strategy", description = "What an idle worker does.",
            options = {@Option(value = "spin", label = "spin: busy-wait (lowest latency, burns its CPU)"),
                    @Option(value = "yield", label = "yield: Thread.yield() in a loop"),
                    @Option(value = "park", label = "park: sleep 50 us at a time"),
                    @Option(value = "backoff", label = "backoff: spin, then yield, then park longer and longer"),
                    @Option(value = "wake", label = "wake: spin briefly, then sleep until a message is queued for it")})
    IdleStrategy.Kind idle__strategy() default IdleStrategy.Kind.wake;

    @AttributeDefinition(name = "drain_timeout_ms", description = "On stop, how long queued messages may still be delivered, in ms (>= 0); what is left is answered with errors.")
    long drain__timeout__ms() default 5000;

    @AttributeDefinition(name = "provider.target", description = "LDAP filter selecting the TuningProvider service, "
            + "e.g. (tuning.provider=jnr); (tuning.provider=*) = the highest ranking.")
    String provider_target() default "(tuning.provider=*)";
}
