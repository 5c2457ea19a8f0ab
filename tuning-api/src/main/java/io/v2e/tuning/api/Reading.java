package io.v2e.tuning.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A value read back from the kernel, or the reason it could not be read.
 *
 * @param value   the value, present exactly when {@code outcome} is APPLIED
 * @param outcome how the read went
 */
public record Reading<T>(Optional<T> value, Outcome outcome) {

    public Reading {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(outcome, "outcome");
        if (value.isPresent() != outcome.isApplied()) {
            throw new IllegalArgumentException("a reading has a value exactly when its outcome is APPLIED");
        }
    }

    public static <T> Reading<T> of(T value) {
        return new Reading<>(Optional.of(value), Outcome.applied());
    }

    public static <T> Reading<T> failed(Outcome outcome) {
        return new Reading<>(Optional.empty(), outcome);
    }

    public boolean isPresent() {
        return value.isPresent();
    }

    /** The value, or throws {@link IllegalStateException} naming the outcome. */
    public T get() {
        return value.orElseThrow(() -> new IllegalStateException("no value: " + outcome));
    }

    @Override
    public String toString() {
        return value.map(String::valueOf).orElseGet(outcome::toString);
    }
}
