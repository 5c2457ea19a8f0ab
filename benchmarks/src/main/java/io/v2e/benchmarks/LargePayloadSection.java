package io.v2e.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.v2e.bench.core.LatencyProbe;
import io.v2e.bench.core.OfferedLoad;
import io.v2e.bench.core.RunResult;

/**
 * Section c: distinct 1 MiB payloads (a new JSON string per message, never one shared buffer)
 * through the broker in-process, flat out with a queue of 8 (offer policy block): throughput,
 * heap bytes allocated per message by the producer (which builds each payload) and by the broker's
 * workers, page faults and peak RSS of the process, and latency (send to handler start) with mean
 * and standard deviation beside the percentiles.
 */
final class LargePayloadSection {

    static final int PAYLOAD_BYTES = 1 << 20;

    private LargePayloadSection() {
    }

    static Results run(Options o) throws Exception {
        Results r = new Results("large");
        byte[] template = new byte[PAYLOAD_BYTES];
        Arrays.fill(template, (byte) 'x');
        template[0] = '"';
        template[PAYLOAD_BYTES - 1] = '"';
        long hwmBefore = Machine.statusKb("VmHWM");
        try (BrokerHandOff h = new BrokerHandOff("broker-1MiB", BenchBroker.start(Providers.create("noop"), 0, "", 0, 8,
                "backoff"), InProcessSection.PAYLOAD)) {
            Thread me = Thread.currentThread();
            oneRun(h, template, Math.max(2, o.largeMessages() / 4), me); // warm-up
            for (int i = 0; i < o.repeats(); i++) {
                long[] faults0 = Machine.pageFaults();
                long producer0 = Machine.allocatedBytes(me);
                long workers0 = workersAllocated(h);
                RunResult m = oneRun(h, template, o.largeMessages(), me);
                long producer = Machine.allocatedBytes(me) - producer0;
                long workers = workersAllocated(h) - workers0;
                long[] faults1 = Machine.pageFaults();
                Map<String, Object> extra = new LinkedHashMap<>();
                double n = m.delivered();
                extra.put("MiBPerSec", m.throughputPerSec() * PAYLOAD_BYTES / (1 << 20));
                extra.put("producerAllocBytesPerMsg", producer / n);
                extra.put("workerAllocBytesPerMsg", workers / n);
                extra.put("minorFaultsPerMsg", (faults1[0] - faults0[0]) / n);
                extra.put("majorFaults", faults1[1] - faults0[1]);
                extra.put("vmHwmKb", Machine.statusKb("VmHWM"));
                extra.put("vmRssKb", Machine.statusKb("VmRSS"));
                r.add(Row.of(r.section, "", i, m, extra), m.histogram());
            }
        }
        r.note("Each message's payload is a new " + PAYLOAD_BYTES + "-byte JSON string (Latin-1, so 1 byte per char"
                + " in the heap) built by the producer from a stamped template: the producer's allocation per message"
                + " includes that payload (about 1 MiB); the broker's own share is the workers' allocation.");
        r.note("VmHWM is the process's peak RSS since it started (" + hwmBefore + " kB before this section; run.sh runs"
                + " this section in its own JVM with " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap).");
        return r;
    }

    private static RunResult oneRun(BrokerHandOff h, byte[] template, int count, Thread me) throws Exception {
        OfferedLoad.quiesce(h, 60);
        long t0 = System.nanoTime();
        LatencyProbe probe = new LatencyProbe(t0, 0);
        h.attach(probe);
        for (int seq = 0; seq < count; seq++) {
            stamp(template, seq);
            String payload = new String(template, StandardCharsets.ISO_8859_1);
            probe.noteSent(seq, System.nanoTime());
            while (!h.send(payload)) {
                Thread.onSpinWait();
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (probe.delivered() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long end = System.nanoTime();
        Histogram hist = OfferedLoad.detach(probe);
        double secs = (end - t0) / 1e9;
        if (probe.payloadChars() != (long) probe.delivered() * PAYLOAD_BYTES) {
            throw new IllegalStateException("handler saw " + probe.payloadChars() + " payload chars for "
                    + probe.delivered() + " messages");
        }
        return new RunResult(h.name(), "max", 0, count, probe.delivered(), secs, hist,
                probe.delivered() < count);
    }

    /** Writes the sequence number's digits after the opening quote, so every payload differs. */
    private static void stamp(byte[] template, int seq) {
        String digits = Integer.toString(seq);
        for (int i = 0; i < 10; i++) {
            template[1 + i] = (byte) (i < digits.length() ? digits.charAt(i) : '-');
        }
    }

    private static long workersAllocated(BrokerHandOff h) {
        long sum = 0;
        for (Thread t : h.bench().workers()) {
            sum += Machine.allocatedBytes(t);
        }
        return sum;
    }
}
