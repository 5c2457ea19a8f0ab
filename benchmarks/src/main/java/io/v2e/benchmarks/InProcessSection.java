package io.v2e.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.LatencyProbe;
import io.v2e.bench.core.OfferedLoad;
import io.v2e.bench.core.RunResult;

/**
 * Section a: the broker in-process against Felix EventAdmin (postEvent and sendEvent, with its
 * default timeout and with Timeout=0, as a bundle in an embedded Felix) and the bare MPSC
 * hand-off, each at 200k/s offered (latency from the intended send time) and flat out. The
 * broker runs with the noop provider here: this section compares hand-offs, not tuning.
 */
final class InProcessSection {

    static final double RATE = 200_000;
    /** Same small JSON payload for every system. */
    static final String PAYLOAD = "{\"seq\":1,\"value\":\"0123456789abcdef\"}";

    private InProcessSection() {
    }

    private static int[] consumerTids(HandOff h) {
        if (h instanceof BrokerHandOff) {
            return ((BrokerHandOff) h).bench().workerTids();
        }
        if (h instanceof MpscHandOff) {
            return new int[] {((MpscHandOff) h).consumerTid()};
        }
        return new int[0];
    }

    interface Factory {
        HandOff create() throws Exception;
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("inprocess");
        List<Factory> systems = new ArrayList<>();
        systems.add(MpscHandOff::new);
        systems.add(() -> new BrokerHandOff("broker-backoff(default)",
                BenchBroker.start(Providers.create("noop"), 0, "", 0, 65536, "backoff"), PAYLOAD));
        systems.add(() -> new BrokerHandOff("broker-spin-1worker",
                BenchBroker.start(Providers.create("noop"), 1, "", 0, 65536, "spin"), PAYLOAD));
        int n = 0;
        for (String timeout : new String[] {"0", null}) {
            for (boolean post : new boolean[] {true, false}) {
                String t = timeout;
                boolean p = post;
                int id = n++;
                systems.add(() -> new EventAdminHandOff(o.eventAdmin(), o.work().resolve("felix-" + id), t, p, PAYLOAD));
            }
        }
        for (Factory f : systems) {
            try (HandOff h = f.create()) {
                OfferedLoad.max(h, o.warmupSeconds(), 5); // JIT warm-up, not recorded
                for (int i = 0; i < o.repeats(); i++) {
                    SchedWait w = SchedWait.start(consumerTids(h));
                    RunResult fixed = OfferedLoad.fixedRate(h, RATE, o.runSeconds(), o.drainSeconds());
                    r.add(Row.of(r.section, "", i, fixed, w.stop()), fixed.histogram());
                    w = SchedWait.start(consumerTids(h));
                    RunResult max = OfferedLoad.max(h, o.runSeconds(), 3 * o.drainSeconds());
                    r.add(Row.of(r.section, "", i, max, w.stop()), max.histogram());
                }
            }
        }
        r.note("Runq wait = schedstat run_delay during the run: time the producer / consumer threads / all"
                + " threads of the JVM were runnable but waiting for a CPU (EventAdmin's pool threads count under"
                + " all threads only).");
        r.note("Handler work in every system: one System.nanoTime(), one HdrHistogram record, a counter;"
                + " payload " + PAYLOAD.length() + " chars. Max mode keeps at most " + LatencyProbe.WINDOW
                + " messages in flight (EventAdmin's queue is unbounded); its latency is mostly queueing.");
        r.note("eventadmin-send-* is sendEvent: synchronous, the handler runs in the producer's thread, so its"
                + " 'latency' is one call with no hand-off between threads; it is listed for throughput, not as a"
                + " like-for-like latency peer.");
        r.note("broker-backoff(default) is the broker's default configuration (one worker per CPU, backoff idle)."
                + " broker-spin-1worker uses idle_strategy=spin with one worker, like the floor's spinning consumer."
                + " Both run with the noop provider (no tuning) here.");
        r.note("Fixed-rate latency is measured from each message's intended send time (coordinated omission"
                + " corrected); a SATURATED run could not keep up: its undelivered messages are counted at the"
                + " drain limit (a lower bound).");
        return r;
    }
}
