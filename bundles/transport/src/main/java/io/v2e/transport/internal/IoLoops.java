package io.v2e.transport.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.v2e.tuning.api.TuningProvider;

/**
 * The transport's fixed set of I/O loop threads ({@code v2e-transport-io-N}): a new connection goes
 * to the loop serving the fewest, a provider change is published to all and awaited (bounded).
 * <p>
 * Threading: {@link #next} from the accept threads; the rest under the transport's monitor.
 */
final class IoLoops {

    static final String THREAD_PREFIX = "v2e-transport-io-";
    private static final long SWAP_WAIT_NANOS = 2_000_000_000L;

    private final LoopTuner tuner;
    private final List<IoLoop> loops = new ArrayList<>();

    IoLoops(LoopTuner tuner) {
        this.tuner = tuner;
    }

    /** Starts {@code tuner.threadCount()} loops. */
    void start() throws IOException {
        int n = tuner.threadCount();
        for (int i = 0; i < n; i++) {
            IoLoop l = new IoLoop(i, THREAD_PREFIX + i, tuner);
            loops.add(l);
            l.start();
        }
    }

    /** The live loop serving the fewest connections (ties: the lowest index; a loop that died is skipped). */
    IoLoop next() {
        IoLoop best = null;
        for (IoLoop l : loops) {
            if (l.isAlive() && (best == null || l.connectionCount() < best.connectionCount())) {
                best = l;
            }
        }
        return best != null ? best : loops.get(0);
    }

    List<IoLoop> loops() {
        return List.copyOf(loops);
    }

    /** After the tuner published a new plan: loops apply it at their next round. */
    void nudgeAll() {
        for (IoLoop l : loops) {
            l.nudge();
        }
    }

    /** True once every live loop applied the current plan, or false after {@code nanos}. */
    boolean awaitPlanApplied(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            LoopPlan plan = tuner.plan();
            boolean all = true;
            for (IoLoop l : loops) {
                if (l.isAlive() && !l.hasApplied(plan)) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            nudgeAll();
            sleepBriefly();
        }
    }

    /** A provider went away: waits (bounded) until no live loop still runs with its settings. */
    void awaitProviderDropped(TuningProvider gone) {
        long deadline = System.nanoTime() + SWAP_WAIT_NANOS;
        nudgeAll();
        while (System.nanoTime() < deadline) {
            boolean any = false;
            for (IoLoop l : loops) {
                if (l.isAlive() && l.appliedProvider() == gone) {
                    any = true;
                }
            }
            if (!any) {
                return;
            }
            sleepBriefly();
        }
    }

    /** Stops every loop (each restores its own tuning) and waits for them. */
    void stop() {
        for (IoLoop l : loops) {
            l.shutdown();
        }
        for (IoLoop l : loops) {
            if (l.awaitFinished(5000)) {
                try {
                    l.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
