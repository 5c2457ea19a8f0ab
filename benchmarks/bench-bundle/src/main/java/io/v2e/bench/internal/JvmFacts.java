package io.v2e.bench.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * How the container's JVM really runs, read back from the JVM itself: a benchmark must not trust
 * that the options it asked for won (bin/v2e adds C1-only and SerialGC to one-shot commands).
 */
record JvmFacts(String vm, List<String> inputArguments, List<String> collectors, int tieredStopAtLevel) {

    static JvmFacts current() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        int level = 4;      // HotSpot's default: tiered up to C2
        for (String a : args) {
            if (a.startsWith("-XX:TieredStopAtLevel=")) {
                level = Integer.parseInt(a.substring(a.indexOf('=') + 1));      // the last one wins
            }
        }
        return new JvmFacts(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                List.copyOf(args), List.copyOf(gcs), level);
    }

    boolean c2() {
        return tieredStopAtLevel >= 4;
    }
}
