package io.v2e.shell.internal;

import java.util.Optional;

import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Reading;

/** Renders a {@link TuningReport} for a person reading a terminal. */
final class TuningReportText {

    private TuningReportText() {
    }

    static String render(TuningReport report) {
        StringBuilder out = new StringBuilder();
        if (report.resolved().isEmpty()) {
            out.append(report.providers().isEmpty()
                    ? "Tuning provider: none registered (no bundle offers io.v2e.tuning.api.TuningProvider)\n"
                    : "Tuning provider: none matches the selection's target\n");
            out.append(selection(report));
            out.append(String.format("Allowed CPUs:    %s (from /proc/self/status)%n",
                    report.proc().processAffinity().map(Object::toString).orElse("unknown")));
            return out.toString();
        }
        TuningReport.ProviderLine resolved = report.resolved().orElseThrow();
        out.append(String.format("Tuning provider: %s (service.ranking %d, service.id %d, bundle %s)%n",
                resolved.name(), resolved.ranking(), resolved.serviceId(), resolved.bundle()));
        out.append(selection(report));
        out.append(String.format("Allowed CPUs:    %s%s%n", report.allowedCpus().map(Object::toString).orElse("unknown"),
                crossCheck(report.allowedCpus(), report.proc().processAffinity(),
                        "/proc/self/status Cpus_allowed_list")));

        out.append("\nRegistered providers (highest service.ranking wins, ties go to the lowest service.id):\n");
        for (TuningReport.ProviderLine p : report.providers()) {
            long cost = p.capabilities().callCostNanos();
            out.append(String.format("%s %-6s service.ranking %6d  service.id %4d  bundle %s  call cost %s%n",
                    p == resolved ? "*" : " ", p.name(), p.ranking(), p.serviceId(), p.bundle(),
                    cost < 0 ? "not measured" : cost + " ns"));
            for (Operation op : Operation.values()) {
                Capability c = p.capabilities().of(op);
                out.append(String.format("      %-18s %-11s %-13s %s%n", op,
                        c.supported() ? "supported" : "unsupported",
                        c.permitted() ? "permitted" : "not permitted", c.detail()).stripTrailing()).append('\n');
            }
        }

        TuningReport.ThreadState t = report.thread();
        ProcThreadView proc = report.proc();
        out.append(String.format("%nCalling thread \"%s\", as read back from the kernel through %s:%n",
                t.javaName(), resolved.name()));
        out.append(line("tid", t.tid(), crossCheck(t.tid(), proc.tid(), "/proc/thread-self")));
        out.append(line("affinity", t.affinity(),
                crossCheck(t.affinity(), proc.threadAffinity(), "/proc/thread-self/status Cpus_allowed_list")));
        out.append(line("current CPU", t.currentCpu(), ""));
        out.append(line("nice", t.nice(), crossCheck(t.nice(), proc.threadNice(), "/proc/thread-self/stat")));
        out.append(line("I/O priority", t.ioPriority(),
                t.tid().isPresent() ? "  (no /proc view; check with: ionice -p " + t.tid().get() + ")" : ""));
        out.append(line("scheduling", t.scheduling(),
                t.tid().isPresent() ? "  (check with: chrt -p " + t.tid().get() + ")" : ""));
        return out.toString();
    }

    private static String selection(TuningReport report) {
        if (report.selection().isEmpty()) {
            return "Selection:       none published (bundle io.v2e.tuning.select not running): highest service.ranking\n";
        }
        ProviderSelection s = report.selection().get();
        StringBuilder out = new StringBuilder(String.format("Selection:       provider = %s (etc/io.v2e.tuning.cfg)%n"
                + "Binding reason:  %s (consumers' provider.target %s)%n", s.selected(), s.reason(), s.target()));
        s.rejected().ifPresent(r -> out.append("Rejected:        ").append(r).append('\n'));
        return out.toString();
    }

    private static String line(String label, Reading<?> reading, String suffix) {
        return String.format("  %-13s %s%s%n", label, reading, suffix);
    }

    private static String crossCheck(Reading<?> reading, Optional<?> proc, String source) {
        return crossCheck(reading.value(), proc, source);
    }

    private static String crossCheck(Optional<?> provider, Optional<?> proc, String source) {
        if (proc.isEmpty()) {
            return "";
        }
        if (provider.isPresent() && !provider.get().equals(proc.get())) {
            return "  (MISMATCH: " + source + " says " + proc.get() + ")";
        }
        return "  (" + source + ": " + proc.get() + ")";
    }
}
