package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one section measured: its rows, the merged latency histogram of each measurement (as a
 * percentile curve, for plots), free-text notes, and the load average around it. Written as
 * {@code <out>/<section>.json}; the report reads every such file.
 */
final class Results {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final String section;
    final List<Row> rows = new ArrayList<>();
    final Map<String, Histogram> merged = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final String loadBefore = Machine.loadAverage();
    private final OtherCpu.Sample cpuBefore = OtherCpu.sample();

    Results(String section) {
        this.section = section;
    }

    void add(Row row, Histogram h) {
        rows.add(row);
        merged.computeIfAbsent(row.key(), k -> new Histogram(60_000_000_000L, 3)).add(h);
        System.out.printf("%-8s %-10s %-28s %-5s #%d  %,12.0f/s  p50 %9.2f  p99 %10.2f  p99.9 %10.2f  max %11.2f us%s%n",
                row.section(), row.variant(), row.system(), row.mode(), row.repeat(), row.throughputPerSec(),
                row.p50Us(), row.p99Us(), row.p999Us(), row.maxUs(), row.saturated() ? "  SATURATED" : "");
    }

    void note(String text) {
        notes.add(text);
        System.out.println("note: " + text);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("section", section);
        doc.put("loadBefore", loadBefore);
        doc.put("loadAfter", Machine.loadAverage());
        double others = OtherCpu.othersCpus(cpuBefore, OtherCpu.sample());
        doc.put("othersCpu", Double.isNaN(others) ? null : others);
        doc.put("jvm", Machine.jvm());
        doc.put("rows", rows);
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        merged.forEach((k, h) -> curves.put(k, curve(h)));
        doc.put("curves", curves);
        doc.put("notes", notes);
        JSON.writeValue(dir.resolve(section + ".json").toFile(), doc);
    }

    /** [percentile, microseconds] points, denser towards the tail. */
    static List<double[]> curve(Histogram h) {
        List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo();
            if (p >= 100.0) {
                break;
            }
            points.add(new double[] {p, v.getValueIteratedTo() / 1000.0});
        }
        points.add(new double[] {100.0, h.getMaxValue() / 1000.0});
        return points;
    }
}
