package io.v2e.ssg.internal;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.v2e.metrics.api.Metric;
import io.v2e.metrics.api.MetricsSource;
import io.v2e.ssg.api.ParseStatistics;

/**
 * The parser's totals since it started (every parse through the {@code SsgParser} service: the
 * {@code ssg} endpoint, {@code ssg:info}, {@code ssg:import}), as the metrics source {@value #SOURCE}
 * ({@code v2e_ssg_*}). Threading: any parsing thread adds; any thread reads.
 */
final class ParseCounters implements MetricsSource {

    static final String SOURCE = "ssg";

    private final LongAdder files = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void parsed(ParseStatistics s) {
        files.increment();
        bytes.add(s.bytes());
        nanos.add(s.elapsedNanos());
    }

    void failed() {
        errors.increment();
    }

    @Override
    public List<Metric> metrics() {
        return List.of(
                Metric.counter("files_parsed_total", "SCAP files parsed into a model.", files.sum()),
                Metric.counter("parsed_bytes_total", "Bytes (on disk) of the files parsed.", bytes.sum()),
                Metric.counter("parse_seconds_total", "Wall time of the successful parses, summed.", nanos.sum() / 1e9),
                Metric.counter("parse_errors_total", "Parses refused with an SsgParseException (malformed, limits, I/O).",
                        errors.sum()));
    }
}
