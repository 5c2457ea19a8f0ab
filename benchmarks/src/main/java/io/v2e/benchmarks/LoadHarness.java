package io.v2e.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load harness: {@code LoadHarness [--smoke] [--out DIR] [--eventadmin JAR] [--work DIR]
 * SECTION...} where SECTION is {@code inprocess}, {@code jitter}, {@code large} (each writes
 * DIR/SECTION.json) or {@code report} (writes RESULTS.md from what DIR holds, plus the plots).
 * run.sh runs each section in its own JVM (so peak RSS and JFR recordings are per section).
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        Path out = Path.of("benchmarks/results");
        Path resultsMd = null;
        Path ea = Path.of(System.getProperty("v2e.eventadmin.bundle", "benchmarks/target/bench-bundles/org.apache.felix.eventadmin.jar"));
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "v2e-bench");
        List<String> sections = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke": smoke = true; break;
                case "--out": out = Path.of(args[++i]); break;
                case "--results-md": resultsMd = Path.of(args[++i]); break;
                case "--eventadmin": ea = Path.of(args[++i]); break;
                case "--work": work = Path.of(args[++i]); break;
                case "inprocess": case "jitter": case "large": case "ssg": case "ssgmem": case "container": case "socket": case "cluster": case "report": sections.add(args[i]); break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; usage: [--smoke] [--out DIR] [--results-md FILE] [--eventadmin JAR] [--work DIR]"
                            + " inprocess|jitter|large|ssg|ssgmem|report ...");
            }
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("name at least one section: inprocess, jitter, large, report");
        }
        Files.createDirectories(out);
        Files.createDirectories(work);
        Options o = smoke ? Options.smoke(out, ea, work) : Options.full(out, ea, work);
        for (String s : sections) {
            run(s, o, resultsMd == null ? out.resolve("RESULTS.md") : resultsMd);
        }
        // Broker, EventAdmin and competitor threads are daemons or stopped; exit promptly regardless.
        System.exit(0);
    }

    static void run(String section, Options o, Path resultsMd) throws Exception {
        switch (section) {
            case "inprocess": InProcessSection.run(o).write(o.out()); break;
            case "jitter": JitterSection.run(o).write(o.out()); break;
            case "large": LargePayloadSection.run(o).write(o.out()); break;
            case "ssg": SsgSection.run(o).write(o.out()); break;
            case "ssgmem": SsgMemorySection.run(o).write(o.out()); break;
            case "container": ContainerSection.run(o).write(o.out()); break;
            case "socket": SocketSection.run(o).write(o.out()); break;
            case "cluster": ClusterSection.run(o).write(o.out()); break;
            case "report": System.out.println("wrote " + Report.write(o.out(), resultsMd)); break;
            default: throw new IllegalArgumentException(section);
        }
    }
}
