package dev.drainboard.bench;

import java.util.List;

/**
 * What one benchmark run measured; the field names are the JSON keys. The ceiling is the higher of
 * the two ceiling runs (before and after the drain), so the ratio is never flattered by a server
 * that was still warming up during the first one. The fields after {@code machine} were added for
 * latency and adaptive concurrency: {@code sqs_rtt_ms}/{@code db_rtt_ms} the round trip the delay
 * proxies added (0 = none), {@code *_proxy_min_one_way_ms} the shortest delay a proxy actually
 * applied to a chunk (null without a proxy), {@code commits_per_worker} the drain's commit depth,
 * and, with {@code --sweep}, the fixed worker counts' drains, the adaptive drains and their comparison
 * (null without a sweep); {@code ceiling_api_calls}/{@code drain_api_calls} the queue requests of
 * the (reported) ceiling run and of the drain, by type.
 */
public record BenchResult(long messages, int workers, double ceiling_msgs_per_s, double drain_msgs_per_s,
                          double ratio, double ceiling_before_drain_msgs_per_s,
                          double ceiling_after_drain_msgs_per_s, int warmup_rounds, long warmup_messages, boolean warmup_steady, long rows, long rejections, long expected_rows, long expected_rejections,
                          boolean verified, long peak_heap_mb, long max_heap_mb, double commit_p50_ms,
                          double commit_p99_ms, double seed_msgs_per_s, CpuPerMessage ceiling_cpu_us_per_msg,
                          CpuPerMessage drain_cpu_us_per_msg, String machine,
                          int sqs_rtt_ms, int db_rtt_ms, Double sqs_proxy_min_one_way_ms,
                          Double db_proxy_min_one_way_ms, int commits_per_worker, List<SweepPoint> sweep,
                          List<AdaptiveRun> adaptive, SweepSummary sweep_summary, ApiCalls ceiling_api_calls,
                          ApiCalls drain_api_calls) {

    /**
     * Requests to the queue by type in one phase, per message and in total: receives (of which
     * empty), delete batches, dead-letter sends, and everything else (depth, release, lease).
     */
    public record ApiCalls(double receive_per_msg, double empty_receive_per_msg, double delete_per_msg,
                           double dead_letter_send_per_msg, double other_per_msg, long receives, long empty_receives,
                           long deletes, long dead_letter_sends, long other) {
    }

    /** One drain of the sweep at a fixed worker count; {@code verified}: every message stored once. */
    public record SweepPoint(int workers, double drain_msgs_per_s, boolean verified) {
    }

    /**
     * One adaptive drain: at most {@code max_workers} receivers, the rate, the limit it ended with
     * and every limit it moved to, in order.
     */
    public record AdaptiveRun(int max_workers, double drain_msgs_per_s, int final_limit, List<Integer> limit_path,
                              boolean verified) {
    }

    /** The best fixed worker count of the sweep against the mean of the adaptive drains. */
    public record SweepSummary(int best_fixed_workers, double best_fixed_msgs_per_s, double adaptive_msgs_per_s,
                               double adaptive_to_best_fixed) {
    }
}
