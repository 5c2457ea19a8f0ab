package io.v2e.readiness.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the container is ready, and if not, for what it is still waiting. Registered at all times
 * while the readiness bundle runs; its service property {@value #WAITING_FOR_PROPERTY} carries the
 * same list as {@link #waitingFor()}, so a client that cannot load this class (the launcher) reads it
 * from the service reference.
 * <p>
 * Threading: every method may be called from any thread; answers are a snapshot of the last check.
 */
@ProviderType
public interface Readiness {

    /** {@code osgi.condition.id} of the condition registered while the container is ready. */
    String CONDITION_ID = "v2e.ready";

    /** Service property (String[]): what the container still waits for; empty when ready. */
    String WAITING_FOR_PROPERTY = "v2e.readiness.waiting_for";

    /** True while every check passes (the condition is registered). */
    boolean ready();

    /** One line per failing check ({@code broker: workers not tuned yet (0 of 2)}); empty when ready. */
    List<String> waitingFor();

    /** Milliseconds from this bundle's activation to the first time the container was ready; -1 before. */
    long firstReadyAfterMillis();
}
