package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time went, from a JFR recording: the most frequent top frames of
 * {@code jdk.ExecutionSample} events, per thread (what {@code jfr print --events
 * jdk.ExecutionSample} shows, counted).
 */
final class JfrSummary {

    private JfrSummary() {
    }

    /** Lines "count  thread  frame", most frequent first; at most {@code limit}. */
    static List<String> topFrames(Path recording, int limit) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = e.getStackTrace().getFrames().get(0);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            String group = thread == null ? "?" : thread.replaceAll("-?\\d+$", "-N");
            String frame = top.getMethod().getType().getName() + "." + top.getMethod().getName();
            counts.merge(group + "  " + frame, 1, Integer::sum);
            total++;
        }
        int all = total;
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(en -> String.format("%5d (%4.1f%%)  %s", en.getValue(), 100.0 * en.getValue() / Math.max(1, all),
                        en.getKey()))
                .collect(Collectors.toList());
    }
}
