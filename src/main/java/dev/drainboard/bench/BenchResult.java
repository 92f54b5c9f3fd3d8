package dev.drainboard.bench;

/** What one benchmark run measured; the field names are the JSON keys. */
public record BenchResult(long messages, int workers, double ceiling_msgs_per_s, double drain_msgs_per_s,
                          double ratio, long rows, long rejections, long expected_rows, long expected_rejections,
                          boolean verified, long peak_heap_mb, long max_heap_mb, double commit_p50_ms,
                          double commit_p99_ms, double seed_msgs_per_s, String machine) {
}
