package io.v2e.bench.core;

import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives one {@link HandOff} from the calling thread (the producer) and measures it with a fresh
 * {@link LatencyProbe}: at a fixed offered rate (latency from each message's intended send time)
 * or flat out with at most {@link LatencyProbe#WINDOW} messages in flight (throughput; latency
 * from the actual send time, so mostly queueing). Stateless; one producer thread per hand-off.
 */
public final class OfferedLoad {

    private OfferedLoad() {
    }

    /**
     * Waits until every message of earlier runs has reached the handler, so a run's probe sees
     * only its own messages (a saturated system may still be delivering a backlog).
     *
     * @throws IllegalStateException when the backlog does not drain within {@code maxSeconds}
     */
    public static void quiesce(HandOff h, double maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        while (h.receivedTotal() < h.sentTotal()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(h.name() + " still has " + (h.sentTotal() - h.receivedTotal())
                        + " messages of an earlier run undelivered after " + maxSeconds + " s");
            }
            Thread.sleep(1);
        }
    }

    /**
     * {@code ratePerSec * seconds} messages on a fixed schedule; a system that cannot keep it is
     * saturated and its missing messages count at a lower bound of their wait.
     */
    public static RunResult fixedRate(HandOff h, double ratePerSec, double seconds, double maxDrainSeconds)
            throws InterruptedException {
        quiesce(h, 60);
        long interval = Math.round(1e9 / ratePerSec);
        long n = Math.max(1, Math.round(ratePerSec * seconds));
        long t0 = System.nanoTime() + 1_000_000;
        // A system slower than the offered rate (or a synchronous one) cannot hold the schedule:
        // stop offering at the drain limit rather than run on for minutes.
        long hardStop = t0 + (long) ((seconds + maxDrainSeconds) * 1e9);
        LatencyProbe probe = new LatencyProbe(t0, interval);
        h.attach(probe);
        // A system a full second behind schedule is saturated: stop offering (its backlog would
        // only delay the next run) and count the rest at a lower bound below. (A shorter limit
        // would turn a transient stall of a loaded machine into a saturated run.)
        long maxBacklog = Math.max(1000, Math.round(ratePerSec * 1.0));
        long sent = 0;
        long breakLag = 0;
        while (sent < n) {
            long intended = t0 + sent * interval;
            long now;
            while ((now = System.nanoTime()) < intended) {
                Thread.onSpinWait();
            }
            long behind = sent - probe.delivered();
            if (now > hardStop || behind > maxBacklog) {
                breakLag = Math.max(0, now - probe.intendedSendTime(probe.delivered()));
                break;
            }
            while (!h.send(sent)) {
                Thread.onSpinWait();
            }
            sent++;
        }
        while (probe.delivered() < sent && System.nanoTime() < hardStop) {
            LockSupport.parkNanos(100_000);
        }
        long end = System.nanoTime();
        Histogram hist = detach(probe);
        long delivered = probe.delivered();
        boolean saturated = delivered < n;
        if (saturated) {
            // Never offered, or not delivered by the limit: each waited at least until now, and at
            // least as long as the oldest waiting message when offering stopped (lower bounds).
            for (long k = delivered; k < n; k++) {
                hist.recordValue(Math.min(LatencyProbe.HIGHEST_NANOS, Math.max(breakLag, end - probe.intendedSendTime(k))));
            }
        }
        return new RunResult(h.name(), "fixed", ratePerSec, sent, delivered, (end - t0) / 1e9, hist, saturated);
    }

    /** Flat out for {@code seconds} (ending on a multiple of 256 sends), at most {@link LatencyProbe#WINDOW} in flight. */
    public static RunResult max(HandOff h, double seconds, double maxDrainSeconds) throws InterruptedException {
        quiesce(h, 60);
        long t0 = System.nanoTime();
        LatencyProbe probe = new LatencyProbe(t0, 0);
        h.attach(probe);
        long stopAt = t0 + (long) (seconds * 1e9);
        long giveUp = stopAt + (long) (maxDrainSeconds * 1e9);
        long seq = 0;
        while ((seq & 255) != 0 || System.nanoTime() < stopAt) {
            while (seq - probe.delivered() >= LatencyProbe.WINDOW && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            if (seq - probe.delivered() >= LatencyProbe.WINDOW) {
                break; // stalled: the drain below times out and the run is marked saturated
            }
            probe.noteSent(seq, System.nanoTime());
            if (h.send(seq)) {
                seq++;
            }
        }
        long deadline = System.nanoTime() + (long) (maxDrainSeconds * 1e9);
        while (probe.delivered() < seq && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long end = System.nanoTime();
        Histogram hist = detach(probe);
        long delivered = probe.delivered();
        return new RunResult(h.name(), "max", 0, seq, delivered, (end - t0) / 1e9, hist, delivered < seq);
    }

    /** Stops the probe recording and returns a copy of its histogram, safe to read from here on. */
    public static Histogram detach(LatencyProbe probe) throws InterruptedException {
        probe.close();
        Thread.sleep(20); // lets a receive() already past the closed check finish its record
        return probe.histogram().copy();
    }
}
