package io.v2e.tuning.testkit;

import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Runs a piece of a test on a new platform thread and waits for it, so whatever the code does to
 * its thread (affinity, nice, I/O priority) dies with that thread instead of altering a thread the
 * test JVM reuses. Assertion failures and exceptions are rethrown on the calling thread.
 */
public final class FreshThread {

    private FreshThread() {
    }

    /** Runs {@code body} on a fresh thread and returns its result. */
    public static <T> T call(ThrowingSupplier<T> body) throws Throwable {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = body.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "fresh-test-thread");
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Runs {@code body} on a fresh thread. */
    public static void run(org.junit.jupiter.api.function.Executable body) throws Throwable {
        call(() -> {
            body.execute();
            return null;
        });
    }
}
