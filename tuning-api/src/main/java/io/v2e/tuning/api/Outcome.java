package io.v2e.tuning.api;

import java.util.Objects;

/**
 * What the kernel (or the provider) answered to one tuning request.
 *
 * @param status  APPLIED, UNSUPPORTED or DENIED
 * @param errno   the errno name, required for DENIED (for example {@code EPERM}) and empty otherwise
 * @param detail  a short human-readable explanation, empty for APPLIED
 */
public record Outcome(Status status, String errno, String detail) {

    /** The three possible answers. */
    public enum Status {
        /** The kernel accepted the request. */
        APPLIED,
        /** This provider or OS cannot do it (noop provider, not Linux, no such syscall). */
        UNSUPPORTED,
        /** The kernel refused the request; {@link Outcome#errno()} names why. */
        DENIED
    }

    private static final Outcome APPLIED_OUTCOME = new Outcome(Status.APPLIED, "", "");

    public Outcome {
        Objects.requireNonNull(status, "status");
        errno = errno == null ? "" : errno;
        detail = detail == null ? "" : detail;
        if (errno.isEmpty() == (status == Status.DENIED)) {
            throw new IllegalArgumentException("an outcome carries an errno name exactly when it is DENIED: "
                    + status + " with errno '" + errno + "'");
        }
    }

    public static Outcome applied() {
        return APPLIED_OUTCOME;
    }

    public static Outcome unsupported(String detail) {
        return new Outcome(Status.UNSUPPORTED, "", detail);
    }

    /** @throws IllegalArgumentException when {@code errno} is null or empty */
    public static Outcome denied(String errno, String detail) {
        return new Outcome(Status.DENIED, errno, detail);
    }

    public boolean isApplied() {
        return status == Status.APPLIED;
    }

    @Override
    public String toString() {
        switch (status) {
            case APPLIED:
                return "APPLIED";
            case DENIED:
                return detail.isEmpty() ? "DENIED(" + errno + ")" : "DENIED(" + errno + ": " + detail + ")";
            default:
                return detail.isEmpty() ? "UNSUPPORTED" : "UNSUPPORTED(" + detail + ")";
        }
    }
}
