package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time OTHER processes used while a section ran, the honest "under load" test: the load
 * average counts this benchmark's own spinning threads too, which alone exceed 1 on 2 CPUs.
 * Others = machine busy time (/proc/stat) minus this JVM's and its reaped children's user+system
 * time (/proc/self/stat utime, stime, cutime, cstime; a child such as the container or `oscap`
 * counts once it has been waited for), as an average number of CPUs over the interval.
 */
final class OtherCpu {

    /** A section whose others used more than this many CPUs on average is marked under load. */
    static final double UNDER_LOAD_CPUS = 0.25;

    /** Jiffies (USER_HZ) at one instant: machine busy, machine total over all CPUs, this process + children. */
    record Sample(long busy, long total, int cpus, long self) {
    }

    private OtherCpu() {
    }

    static Sample sample() {
        try {
            List<String> stat = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = stat.get(0).trim().split("\\s+");     // cpu user nice system idle iowait irq softirq steal [guest guest_nice]
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {  // guest time is already inside user and nice
                total += Long.parseLong(f[i]);
            }
            long busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            int cpus = (int) stat.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] p = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": utime is field 14 -> p[11], stime p[12], cutime p[13], cstime p[14]
            long self = Long.parseLong(p[11]) + Long.parseLong(p[12]) + Long.parseLong(p[13]) + Long.parseLong(p[14]);
            return new Sample(busy, total, Math.max(1, cpus), self);
        } catch (IOException | RuntimeException e) {
            return null;    // not Linux, or /proc unreadable: the report says "unknown"
        }
    }

    /** Average number of CPUs other processes kept busy between the two samples; NaN when unknown. */
    static double othersCpus(Sample start, Sample end) {
        if (start == null || end == null || end.total() <= start.total()) {
            return Double.NaN;
        }
        double jiffiesPerCpu = (double) (end.total() - start.total()) / end.cpus();
        long others = (end.busy() - start.busy()) - (end.self() - start.self());
        return Math.max(0, others) / jiffiesPerCpu;
    }
}
