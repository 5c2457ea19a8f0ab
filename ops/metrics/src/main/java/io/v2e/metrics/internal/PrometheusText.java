package io.v2e.metrics.internal;

import java.util.List;
import java.util.Map;

/** Writes metric families in the Prometheus text exposition format 0.0.4. */
final class PrometheusText {

    private PrometheusText() {
    }

    static String write(List<Family> families) {
        StringBuilder out = new StringBuilder(4096);
        for (Family f : families) {
            out.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n');
            out.append("# TYPE ").append(f.name).append(' ').append(f.type.name()).append('\n');
            for (Family.Sample s : f.samples) {
                out.append(f.name);
                if (!s.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(s.value())).append('\n');
            }
        }
        return out.toString();
    }

    /** Integers without a fraction (counters read as counts), others as Java prints doubles; NaN and infinities as Prometheus spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
