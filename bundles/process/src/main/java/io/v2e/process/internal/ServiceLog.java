package io.v2e.process.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines a service wrote to stderr (and stdout in socket mode), bounded: the oldest go
 * first. Threading: the stream pump threads append, any thread reads (one monitor).
 */
final class ServiceLog {

    /** A longer line is cut: the log is for people reading a service's complaints. */
    static final int MAX_LINE_CHARS = 4096;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final int capacity;
    private long dropped;

    ServiceLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String stream, String text) {
        String line = Instant.now() + " " + stream + " "
                + (text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) + "..." : text);
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized long dropped() {
        return dropped;
    }
}
