package io.v2e.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One metric family (name, type, help) and its samples, as the Prometheus text format groups them. Not thread-safe. */
final class Family {

    enum Type {
        counter, gauge
    }

    /** One sample: its labels in order, and the value. */
    record Sample(Map<String, String> labels, double value) {
    }

    final String name;
    final Type type;
    final String help;
    final List<Sample> samples = new ArrayList<>();

    Family(String name, Type type, String help) {
        this.name = name;
        this.type = type;
        this.help = help;
    }

    /** Adds a sample; {@code labels} alternate name, value. */
    Family add(double value, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs: " + List.of(labels));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        samples.add(new Sample(map, value));
        return this;
    }
}
