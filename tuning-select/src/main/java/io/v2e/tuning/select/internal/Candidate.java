package io.v2e.tuning.select.internal;

import java.util.Comparator;

/**
 * A registered TuningProvider as the selection sees it: only its service properties (the
 * selection never activates a provider).
 *
 * @param name      the {@code tuning.provider} property
 * @param ranking   {@code service.ranking} (0 when absent, the OSGi rule)
 * @param serviceId {@code service.id}
 */
record Candidate(String name, int ranking, long serviceId) {

    /** The OSGi order a greedy reference follows: highest ranking first, ties to the lowest service.id. */
    static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::ranking).reversed()
            .thenComparingLong(Candidate::serviceId);
}
