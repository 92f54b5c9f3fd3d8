package dev.drainboard.model;

import java.util.List;

/**
 * The numbers behind one Explore chart: points of (category, series, count). {@code sampled}
 * means the counts were scaled up from a block sample of the table (large filters).
 */
public record ChartSeries(List<Point> points, boolean sampled) {
    public record Point(String category, String series, long count) {
    }
}
