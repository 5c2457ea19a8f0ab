package io.v2e.launcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which boot bundles are started: the configured "first" names in their order, then
 * every other bundle by symbolic name, then the configured "last" names in their order. The
 * distribution puts FileInstall and then SCR last, so etc/ is in ConfigAdmin before any component
 * activates (see conf/framework.properties). Unnamed bundles keep a stable, name-based order so a
 * run is reproducible.
 */
final class StartOrder {

    private final List<String> first;
    private final List<String> last;

    StartOrder(List<String> first, List<String> last) {
        this.first = List.copyOf(first);
        this.last = List.copyOf(last);
    }

    <T> List<T> sort(List<T> items, Function<T, String> symbolicName) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingInt((T t) -> rank(symbolicName.apply(t)))
                .thenComparing(t -> String.valueOf(symbolicName.apply(t))));
        return sorted;
    }

    private int rank(String name) {
        if (name == null) {
            return 0;                          // not an OSGi R4 bundle: sorts with the unnamed ones
        }
        int i = first.indexOf(name);
        if (i >= 0) {
            return i - first.size();          // negative: before everything unnamed
        }
        int j = last.indexOf(name);
        if (j >= 0) {
            return 1 + j;                      // positive: after everything unnamed
        }
        return 0;
    }
}
