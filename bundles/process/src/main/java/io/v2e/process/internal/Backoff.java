package io.v2e.process.internal;

/**
 * Restart delays: {@code initial}, doubled after each further failure up to {@code max}; a run
 * that lasted at least {@code resetAfter} counts as stable and starts the sequence over.
 * Threading: the service's supervisor thread only.
 */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final long resetAfterMs;
    private long nextMs;

    Backoff(long initialMs, long maxMs, long resetAfterMs) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.resetAfterMs = resetAfterMs;
        this.nextMs = initialMs;
    }

    /** The delay before the restart that follows a run of {@code ranMs}. */
    long delayAfter(long ranMs) {
        if (ranMs >= resetAfterMs) {
            nextMs = initialMs;
        }
        long delay = nextMs;
        nextMs = Math.min(maxMs, nextMs > maxMs / 2 ? maxMs : nextMs * 2);
        return delay;
    }
}
