package io.v2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class StartOrderTest {

    @Test
    void firstNamesLeadInTheirOrderLastNamesTrailAndTheRestSortsByName() {
        StartOrder order = new StartOrder(List.of("configadmin", "scr"), List.of("fileinstall"));
        List<String> bundles = List.of("fileinstall", "zeta", "scr", "alpha", "configadmin");
        assertEquals(List.of("configadmin", "scr", "alpha", "zeta", "fileinstall"),
                order.sort(bundles, Function.identity()));
    }

    @Test
    void bundlesWithoutSymbolicNameStillSortStably() {
        StartOrder order = new StartOrder(List.of(), List.of());
        List<String> bundles = java.util.Arrays.asList("b", null, "a");
        assertEquals(java.util.Arrays.asList("a", "b", null), order.sort(bundles, Function.identity()));
    }
}
