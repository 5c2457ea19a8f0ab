package io.v2e.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.v2e.tuning.api.TuningProvider;

/**
 * Creates the real tuning providers outside OSGi, as DS would: construct, then call the
 * component's activate method. The ffm provider exists only when the build ran on JDK 22+.
 */
final class Providers {

    private static final String[][] CLASSES = {
        {"jnr", "io.v2e.tuning.jnr.internal.JnrTuningProvider"},
        {"jna", "io.v2e.tuning.jna.internal.JnaTuningProvider"},
        {"ffm", "io.v2e.tuning.ffm.internal.FfmTuningProvider"},
        {"noop", "io.v2e.tuning.noop.internal.NoopTuningProvider"},
    };

    private Providers() {
    }

    /** The provider names whose classes are on this classpath and usable on this JDK. */
    static List<String> available() {
        List<String> names = new ArrayList<>();
        for (String[] c : CLASSES) {
            if (c[0].equals("ffm") && Runtime.version().feature() < 22) {
                continue;
            }
            try {
                Class.forName(c[1]);
                names.add(c[0]);
            } catch (ClassNotFoundException e) {
                // not built on this JDK
            }
        }
        return names;
    }

    static TuningProvider create(String name) {
        for (String[] c : CLASSES) {
            if (c[0].equals(name)) {
                try {
                    Class<?> type = Class.forName(c[1]);
                    Constructor<?> ctor = type.getDeclaredConstructor();
                    ctor.setAccessible(true);
                    Object p = ctor.newInstance();
                    for (Method m : type.getDeclaredMethods()) {
                        if (m.getName().equals("activate") && m.getParameterCount() == 0) {
                            m.setAccessible(true);
                            m.invoke(p);
                        }
                    }
                    return (TuningProvider) p;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create the " + name + " provider: " + e, e);
                }
            }
        }
        throw new IllegalArgumentException("unknown provider '" + name + "', known: jnr, jna, ffm, noop");
    }
}
