package io.v2e.bench.internal;

/**
 * The bench command's arguments, checked: a bad value is a clear error before anything runs.
 *
 * @param rate    offered messages per second of the fixed-rate runs
 * @param seconds length of each measured run
 * @param warmup  unrecorded flat-out warm-up before the first run
 * @param repeats fixed-rate + flat-out pairs
 * @param drain   seconds a run may take after its last send
 */
record BenchSettings(double rate, double seconds, double warmup, int repeats, double drain) {

    static BenchSettings of(double rate, double seconds, double warmup, int repeats, double drain) {
        require(rate > 0 && rate <= 100_000_000, "--rate must be in (0, 100000000] messages/s, was " + rate);
        require(seconds > 0 && seconds <= 600, "--seconds must be in (0, 600], was " + seconds);
        require(warmup >= 0 && warmup <= 600, "--warmup must be in [0, 600], was " + warmup);
        require(repeats >= 1 && repeats <= 1000, "--repeats must be in [1, 1000], was " + repeats);
        require(drain > 0 && drain <= 600, "--drain must be in (0, 600], was " + drain);
        return new BenchSettings(rate, seconds, warmup, repeats, drain);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The command line that reproduces these settings. */
    String commandLine() {
        return String.format(java.util.Locale.ROOT, "bench:broker --rate %.0f --seconds %s --warmup %s --repeats %d --drain %s",
                rate, seconds, warmup, repeats, drain);
    }
}
