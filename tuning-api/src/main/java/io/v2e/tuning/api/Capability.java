package io.v2e.tuning.api;

import java.util.Objects;

/**
 * Whether one operation works here, as probed at provider activation.
 *
 * @param operation the operation probed
 * @param supported the provider and OS can perform it at all
 * @param permitted this process may perform it (for thread nice and I/O priority: may raise the
 *                  priority, which needs CAP_SYS_NICE / CAP_SYS_ADMIN); false when unsupported
 * @param detail    what the probe saw (errno name, reason), empty when supported and permitted
 */
public record Capability(Operation operation, boolean supported, boolean permitted, String detail) {

    public Capability {
        Objects.requireNonNull(operation, "operation");
        detail = detail == null ? "" : detail;
        if (permitted && !supported) {
            throw new IllegalArgumentException(operation + ": cannot be permitted but unsupported");
        }
    }

    public static Capability unsupported(Operation operation, String detail) {
        return new Capability(operation, false, false, detail);
    }
}
