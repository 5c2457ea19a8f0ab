package io.v2e.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.metrics.internal.Family.Type;

class PrometheusTextTest {

    @Test
    void familyIsWrittenWithHelpTypeAndLabelledSamples() {
        Family f = new Family("v2e_x_total", Type.counter, "Things.").add(3, "endpoint", "ssg").add(0.25, "endpoint", "b");
        assertEquals("# HELP v2e_x_total Things.\n# TYPE v2e_x_total counter\n"
                + "v2e_x_total{endpoint=\"ssg\"} 3\nv2e_x_total{endpoint=\"b\"} 0.25\n", PrometheusText.write(List.of(f)));
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        Family f = new Family("v2e_r", Type.gauge, "R.").add(1, "reason", "a \"b\"\\c\nd");
        assertEquals("v2e_r{reason=\"a \\\"b\\\"\\\\c\\nd\"} 1\n",
                PrometheusText.write(List.of(f)).lines().skip(2).findFirst().orElseThrow() + "\n");
    }

    @Test
    void sampleWithoutLabelsHasNoBraces() {
        assertEquals("v2e_up 1", PrometheusText.write(List.of(new Family("v2e_up", Type.gauge, "U.").add(1))).lines()
                .skip(2).findFirst().orElseThrow());
    }

    @Test
    void nanosecondsBecomeSecondsWithTheirFraction() {
        assertEquals("1.5E-6", PrometheusText.number(1500 / 1e9));
        assertEquals("NaN", PrometheusText.number(Double.NaN));
    }
}
