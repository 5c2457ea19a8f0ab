package io.v2e.broker.internal;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import io.v2e.broker.api.Latency;

/**
 * Nanosecond latencies of one kind for one endpoint. Threading: {@link #record} from the one
 * worker that serves the endpoint (wait-free); {@link #snapshot} from any thread (synchronized).
 */
final class LatencyStats {

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(2);
    private final Histogram total = new Histogram(2);
    private Histogram interval;

    void record(long nanos) {
        recorder.recordValue(nanos < 0 ? 0 : nanos);
    }

    synchronized Latency snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (total.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(total.getTotalCount(), total.getValueAtPercentile(50), total.getValueAtPercentile(90),
                total.getValueAtPercentile(99), total.getValueAtPercentile(99.9), total.getMaxValue());
    }
}
