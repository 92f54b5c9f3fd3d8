package dev.drainboard.bench;

/**
 * What one benchmark run measured; the field names are the JSON keys. The ceiling is the higher of
 * the two ceiling runs (before and after the drain), so the ratio is never flattered by a server
 * that was still warming up during the first one.
 */
public record BenchResult(long messages, int workers, double ceiling_msgs_per_s, double drain_msgs_per_s,
                          double ratio, double ceiling_before_drain_msgs_per_s,
                          double ceiling_after_drain_msgs_per_s, int warmup_rounds, long warmup_messages, boolean warmup_steady, long rows, long rejections, long expected_rows, long expected_rejections,
                          boolean verified, long peak_heap_mb, long max_heap_mb, double commit_p50_ms,
                          double commit_p99_ms, double seed_msgs_per_s, CpuPerMessage ceiling_cpu_us_per_msg,
                          CpuPerMessage drain_cpu_us_per_msg, String machine) {
}
