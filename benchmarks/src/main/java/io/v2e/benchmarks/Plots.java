package io.v2e.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Latency percentile distribution plots: x is 1/(1-percentile) on a log axis (10 = p90, 100 = p99,
 * 1000 = p99.9), y the latency in microseconds on a log axis; one series per measurement.
 */
final class Plots {

    private Plots() {
    }

    static void percentiles(Path file, String title, Map<String, List<double[]>> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(600).title(title)
                .xAxisTitle("1/(1-percentile)   (10 = p90, 100 = p99, 1000 = p99.9)").yAxisTitle("latency (us)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(3);
        boolean any = false;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double[] p : e.getValue()) {
                if (p[0] < 100.0 && p[1] > 0) {
                    xs.add(1.0 / (1.0 - p[0] / 100.0));
                    ys.add(p[1]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(e.getKey(), xs, ys);
                s.setMarker(SeriesMarkers.NONE);
                any = true;
            }
        }
        if (any) {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
