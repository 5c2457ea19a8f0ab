package io.v2e.launcher;

/**
 * Replaces the JVM's default SIGTERM/SIGINT handling (run shutdown hooks, exit 143/130) with a
 * callback, so the container can stop its framework in order and then exit 0 as a service
 * manager expects. Uses sun.misc.Signal (module jdk.unsupported, present on Java 17 to 25).
 */
final class Signals {

    private Signals() {
    }

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // the signal is not available on this OS or is reserved by the JVM: keep its default
            }
        }
    }
}
