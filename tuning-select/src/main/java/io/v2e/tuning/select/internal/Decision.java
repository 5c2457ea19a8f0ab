package io.v2e.tuning.select.internal;

import java.util.Collection;
import java.util.Optional;

/**
 * Which provider consumers should bind for a selection, given the providers registered now, and
 * the LDAP filter that makes a greedy reference bind exactly that one.
 * <p>
 * A selected provider that is registered gets a filter naming it. {@code auto}, or a selected
 * provider that is not registered, gets {@code (tuning.provider=*)}: the reference then follows
 * the ranking on its own (no window with nothing bound while the selection catches up), and the
 * filter is narrowed as soon as the selected one registers.
 *
 * @param selection what was asked for
 * @param using     the provider consumers bind (empty: none registered)
 * @param target    the filter for the consumers' {@code provider.target}
 * @param reason    one line saying why, e.g. {@code selected ffm: not available, using jnr}
 */
record Decision(Selection selection, Optional<Candidate> using, String target, String reason) {

    static final String ANY = "(tuning.provider=*)";

    static Decision of(Selection selection, Collection<Candidate> registered) {
        Optional<Candidate> best = registered.stream().min(Candidate.BEST_FIRST);
        if (selection.isAuto()) {
            return new Decision(selection, best, ANY, best
                    .map(b -> "auto: " + b.name() + " has the highest service.ranking (" + b.ranking() + ")")
                    .orElse("auto: no provider registered"));
        }
        Optional<Candidate> chosen = registered.stream().filter(c -> c.name().equals(selection.value()))
                .min(Candidate.BEST_FIRST);
        if (chosen.isPresent()) {
            return new Decision(selection, chosen, "(tuning.provider=" + selection.value() + ")",
                    "selected " + selection.value());
        }
        return new Decision(selection, best, ANY, "selected " + selection.value() + ": not available, "
                + best.map(b -> "using " + b.name()).orElse("no provider registered"));
    }

    /** True when a named selection is not what consumers bind (it is not registered). */
    boolean isFallback() {
        return !selection.isAuto() && !usingName().equals(selection.value());
    }

    /** The name of the provider in use, or {@code none}. */
    String usingName() {
        return using.map(Candidate::name).orElse("none");
    }
}
