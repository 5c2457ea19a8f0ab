package io.v2e.broker.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.v2e.broker.api.Message;

/**
 * The broker's acceptance time of a message, kept in the message's private {@code acceptedNanos}
 * field so the queue hand-off needs no second object per message. The field is not part of the
 * broker API (no public accessor or mutator); only this class reaches it, through a private lookup
 * (the API and this bundle are both in unnamed modules, which open their packages).
 * <p>
 * Threading: written by the producer before the queue offer, read by the worker after its poll;
 * the queue's offer/poll pair publishes the plain write.
 */
final class AcceptanceStamp {

    private static final VarHandle ACCEPTED;

    static {
        try {
            ACCEPTED = MethodHandles.privateLookupIn(Message.class, MethodHandles.lookup())
                    .findVarHandle(Message.class, "acceptedNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AcceptanceStamp() {
    }

    static void stamp(Message m, long nanos) {
        ACCEPTED.set(m, nanos);
    }

    /** {@link System#nanoTime()} when the broker accepted {@code m}; 0 before. */
    static long acceptedAt(Message m) {
        return (long) ACCEPTED.get(m);
    }
}
