package dev.drainboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small benchmark run with both delay proxies and a sweep, on the bench's own ElasticMQ and
 * PostgreSQL: the result has the new fields, the proxies applied at least half the round trip to
 * every chunk, every drain of the sweep and both adaptive drains were verified, and the old fields
 * are still there. Rates are not asserted (they depend on the machine).
 */
class BenchSweepTest {

    @Test
    void aDelayedRunWithASweepReportsEveryDrainVerifiedAndTheProxiesDelay() throws Exception {
        List<String> log = new ArrayList<>();
        BenchResult r = new Benchmark(new Benchmark.Options(300, 2, null, null, "postgres", "postgres", 0, 0, 6, 4,
                List.of(1, 2)), log::add).run();

        assertThat(r.verified()).as(String.join("\n", log)).isTrue();
        assertThat(r.rows() + r.rejections()).isEqualTo(300);
        assertThat(r.sqs_rtt_ms()).isEqualTo(6);
        assertThat(r.db_rtt_ms()).isEqualTo(4);
        assertThat(r.sqs_proxy_min_one_way_ms()).isGreaterThanOrEqualTo(3.0);
        assertThat(r.db_proxy_min_one_way_ms()).isGreaterThanOrEqualTo(2.0);
        assertThat(r.commits_per_worker()).isPositive();

        assertThat(r.sweep()).extracting(BenchResult.SweepPoint::workers).containsExactly(1, 2);
        assertThat(r.sweep()).allSatisfy(p -> {
            assertThat(p.verified()).isTrue();
            assertThat(p.drain_msgs_per_s()).isPositive();
        });
        assertThat(r.adaptive()).hasSize(2).allSatisfy(a -> {
            assertThat(a.verified()).isTrue();
            assertThat(a.max_workers()).isEqualTo(2);
            assertThat(a.final_limit()).isBetween(1, 2);
            assertThat(a.limit_path()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
        });
        assertThat(r.sweep_summary().best_fixed_workers()).isIn(1, 2);
        assertThat(r.sweep_summary().adaptive_to_best_fixed()).isPositive();

        // each receive or delete carries at most 10 messages, so at least 0.1 of each per message
        for (BenchResult.ApiCalls calls : List.of(r.ceiling_api_calls(), r.drain_api_calls())) {
            assertThat(calls.receive_per_msg()).isGreaterThanOrEqualTo(0.1);
            assertThat(calls.delete_per_msg()).isGreaterThanOrEqualTo(0.1);
            assertThat(calls.receives()).isGreaterThanOrEqualTo(30);
        }
        assertThat(r.ceiling_api_calls().dead_letter_sends()).isZero();
        assertThat(r.drain_api_calls().dead_letter_sends()).as("one per batch with a malformed message")
                .isBetween(r.rejections() > 0 ? 1L : 0L, r.rejections());

        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(r));
        for (String field : List.of("ceiling_msgs_per_s", "drain_msgs_per_s", "ratio", "verified",
                "ceiling_cpu_us_per_msg", "drain_cpu_us_per_msg", "commit_p50_ms", "sqs_rtt_ms", "db_rtt_ms",
                "sqs_proxy_min_one_way_ms", "db_proxy_min_one_way_ms", "sweep", "adaptive", "sweep_summary",
                "ceiling_api_calls", "drain_api_calls")) {
            assertThat(j.has(field)).as(field).isTrue();
        }
    }
}
