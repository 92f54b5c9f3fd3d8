package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.support.TestServers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code bench} command on small numbers: what it reports and that it checks its own result.
 * Speeds are measured by running the command (see the README), never asserted here.
 */
class BenchCommandTest {
    private static final List<String> KEYS = List.of("messages", "workers", "ceiling_msgs_per_s", "drain_msgs_per_s",
            "ratio", "ceiling_before_drain_msgs_per_s", "ceiling_after_drain_msgs_per_s", "warmup_rounds",
            "warmup_messages", "warmup_steady", "rows", "rejections", "expected_rows", "expected_rejections", "verified",
            "peak_heap_mb", "max_heap_mb", "commit_p50_ms", "commit_p99_ms", "seed_msgs_per_s",
            "ceiling_cpu_us_per_msg", "drain_cpu_us_per_msg", "machine");
    private static final List<String> CPU_KEYS = List.of("drainer", "sqs_server", "postgres");

    @Test
    void onGivenServersItDrainsEveryMessageOnceAndReportsEveryField() throws Exception {
        CliTest.Run r = CliTest.run("bench", "--messages=3000", "--workers=4", "--warmup=500", "--warmup-rounds=2",
                "--sqs-endpoint=" + TestServers.sqs().endpoint(), "--jdbc-url=" + TestServers.freshDatabase(),
                "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(KEYS).allSatisfy(k -> assertThat(j.has(k)).as(k).isTrue());
        assertThat(CPU_KEYS).allSatisfy(k -> assertThat(j.at("/drain_cpu_us_per_msg/" + k).isNumber()).as(k).isTrue());
        assertThat(j.get("verified").asBoolean()).isTrue();
        assertThat(j.get("messages").asLong()).isEqualTo(3000);
        assertThat(j.get("rows").asLong() + j.get("rejections").asLong()).isEqualTo(3000);
        assertThat(j.get("rejections").asLong()).isEqualTo(j.get("expected_rejections").asLong()).isPositive();
        double ceiling = j.get("ceiling_msgs_per_s").asDouble();
        assertThat(ceiling).isEqualTo(Math.max(j.get("ceiling_before_drain_msgs_per_s").asDouble(),
                j.get("ceiling_after_drain_msgs_per_s").asDouble())).isPositive();
        assertThat(j.get("ratio").asDouble()).isCloseTo(j.get("drain_msgs_per_s").asDouble() / ceiling,
                org.assertj.core.data.Offset.offset(0.006));
        int rounds = j.get("warmup_rounds").asInt();
        assertThat(rounds).isBetween(1, 2);
        assertThat(j.get("warmup_messages").asLong()).isEqualTo(rounds * 500L);
        assertThat(j.get("commit_p50_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(j.get("commit_p99_ms").asDouble());
        // Servers it did not start are not measured (here the test's ElasticMQ runs inside the measured JVM).
        assertThat(j.at("/drain_cpu_us_per_msg/drainer").asDouble()).isPositive();
        assertThat(j.at("/drain_cpu_us_per_msg/sqs_server").asDouble()).isEqualTo(-1);
        assertThat(j.at("/drain_cpu_us_per_msg/postgres").asDouble()).isEqualTo(-1);
        assertThat(r.err()).contains("Warm-up round 1 of at most 2 (500 messages drained, 500 through the ceiling loop)");
        // two rounds cannot give two steady rounds after the first, so the bench must say it is not warm
        assertThat(j.get("warmup_steady").asBoolean()).isFalse();
        assertThat(r.err()).contains("Warning: the rates were still rising after 2 warm-up rounds");
    }

    @Test
    void onItsOwnServersItAlsoMeasuresTheQueueAndTheDatabaseAndCleansUp() throws Exception {
        long before = benchFolders();

        CliTest.Run r = CliTest.run("bench", "--messages=1000", "--workers=2", "--warmup=0",
                "--sqs-endpoint=embedded", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Starting ElasticMQ in its own JVM").contains("Starting PostgreSQL");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("verified").asBoolean()).isTrue();
        assertThat(j.get("warmup_rounds").asInt()).isZero();
        assertThat(j.at("/drain_cpu_us_per_msg/sqs_server").asDouble()).isPositive();
        assertThat(j.at("/drain_cpu_us_per_msg/postgres").asDouble()).isPositive();
        assertThat(j.at("/ceiling_cpu_us_per_msg/sqs_server").asDouble()).isPositive();
        assertThat(benchFolders()).as("the bench's temporary folder (with its PostgreSQL data) is removed")
                .isEqualTo(before);
    }

    @Test
    void theTableSaysWhatWasNotMeasured() {
        assertThat(BenchCommand.cpu(new dev.drainboard.bench.CpuPerMessage(28.4, 58.3, 0.0)))
                .isEqualTo("drainer 28 + queue 58 + database 0 = 86 µs of CPU per message");
        assertThat(BenchCommand.cpu(new dev.drainboard.bench.CpuPerMessage(61.3, -1, -1)))
                .isEqualTo("drainer 61 + queue n/a + database n/a = at least 61 µs of CPU per message");
    }

    private static long benchFolders() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("drainboard-bench")).count();
        }
    }

    @Test
    void badSizesAreRefusedBeforeAnythingStarts() {
        CliTest.Run r = CliTest.run("bench", "--warmup=-1");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--warmup and --warmup-rounds 0 or more").doesNotContain("Starting");
    }

    @Test
    void aStandaloneQueueWithoutTheConsoleBenchIsRefused() {
        CliTest.Run r = CliTest.run("bench", "--standalone-queue");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--standalone-queue goes with --console").doesNotContain("Starting");
    }
}
