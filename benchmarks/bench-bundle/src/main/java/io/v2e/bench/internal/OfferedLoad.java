package io.v2e.bench.internal;

import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives one {@link HandOff} from the calling thread (the producer): at a fixed offered rate
 * (latency from each message's intended send time) or flat out with at most
 * {@link LatencyProbe#WINDOW} messages in flight. Threading: one producer thread per instance.
 */
final class OfferedLoad {

    private final HandOff handOff;
    private long sentTotal;

    OfferedLoad(HandOff handOff) {
        this.handOff = handOff;
    }

    private boolean send() {
        if (handOff.send()) {
            sentTotal++;
            return true;
        }
        return false;
    }

    /** Waits until every message of earlier runs has reached the handler, so a run sees only its own. */
    private void quiesce(double maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        while (handOff.received() < sentTotal) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((sentTotal - handOff.received())
                        + " messages of an earlier run are still undelivered after " + maxSeconds + " s");
            }
            Thread.sleep(1);
        }
    }

    RunResult fixedRate(double ratePerSec, double seconds, double maxDrainSeconds) throws InterruptedException {
        quiesce(60);
        long interval = Math.round(1e9 / ratePerSec);
        long n = Math.max(1, Math.round(ratePerSec * seconds));
        long t0 = System.nanoTime() + 1_000_000;
        long hardStop = t0 + (long) ((seconds + maxDrainSeconds) * 1e9);
        LatencyProbe probe = new LatencyProbe(t0, interval);
        handOff.attach(probe);
        // A system a full second behind schedule is saturated: stop offering, count the rest below.
        long maxBacklog = Math.max(1000, Math.round(ratePerSec));
        long sent = 0;
        long breakLag = 0;
        while (sent < n) {
            long intended = t0 + sent * interval;
            long now;
            while ((now = System.nanoTime()) < intended) {
                Thread.onSpinWait();
            }
            if (now > hardStop || sent - probe.delivered() > maxBacklog) {
                breakLag = Math.max(0, now - probe.intendedSendTime(probe.delivered()));
                break;
            }
            while (!send()) {
                Thread.onSpinWait();
            }
            sent++;
        }
        while (probe.delivered() < sent && System.nanoTime() < hardStop) {
            LockSupport.parkNanos(100_000);
        }
        long end = System.nanoTime();
        Histogram h = detach(probe);
        long delivered = probe.delivered();
        boolean saturated = delivered < n;
        if (saturated) {
            // Never offered or not delivered by the limit: each waited at least this long (lower bounds).
            for (long k = delivered; k < n; k++) {
                h.recordValue(Math.min(LatencyProbe.HIGHEST_NANOS, Math.max(breakLag, end - probe.intendedSendTime(k))));
            }
        }
        return new RunResult(handOff.system(), "fixed", ratePerSec, sent, delivered, (end - t0) / 1e9, h, saturated);
    }

    RunResult max(double seconds, double maxDrainSeconds) throws InterruptedException {
        quiesce(60);
        long t0 = System.nanoTime();
        LatencyProbe probe = new LatencyProbe(t0, 0);
        handOff.attach(probe);
        long stopAt = t0 + (long) (seconds * 1e9);
        long giveUp = stopAt + (long) (maxDrainSeconds * 1e9);
        long[] sentAt = probe.sentAt;
        int mask = sentAt.length - 1;
        long seq = 0;
        while ((seq & 255) != 0 || System.nanoTime() < stopAt) {
            while (seq - probe.delivered() >= LatencyProbe.WINDOW && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            if (seq - probe.delivered() >= LatencyProbe.WINDOW) {
                break;      // stalled: the drain below times out and the run is marked saturated
            }
            sentAt[(int) (seq & mask)] = System.nanoTime();
            if (send()) {
                seq++;
            }
        }
        long deadline = System.nanoTime() + (long) (maxDrainSeconds * 1e9);
        while (probe.delivered() < seq && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long end = System.nanoTime();
        Histogram h = detach(probe);
        long delivered = probe.delivered();
        return new RunResult(handOff.system(), "max", 0, seq, delivered, (end - t0) / 1e9, h, delivered < seq);
    }

    /** Stops the probe and returns a copy of its histogram, safe to read from here on. */
    private static Histogram detach(LatencyProbe probe) throws InterruptedException {
        probe.close();
        Thread.sleep(20);   // lets a receive() already past the closed check finish its record
        return probe.histogram.copy();
    }
}
