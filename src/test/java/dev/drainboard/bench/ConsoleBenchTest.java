package dev.drainboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --console} end to end on a small backlog: the real console window drains it and the
 * pulse and latency instruments report. Runs in its own JVM on Monocle's headless screen, because
 * the benchmark starts and exits the JavaFX toolkit itself. Smoothness figures are measured by
 * running the command (see the README), not asserted here.
 */
class ConsoleBenchTest {

    @Test
    void drainsFromTheWindowAndReportsItsInstruments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "dev.drainboard.cli.Main",
                "bench", "--console", "--messages=600", "--workers=2", "--json"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            // SIGTERM first: the console's shutdown stops its embedded PostgreSQL, which SIGKILL would orphan
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }

        String log = Files.readString(err);
        assertThat(ended).as(log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        assertThat(j.get("verified").asBoolean()).isTrue();
        // the embedded default: a new data folder starts with the 100 sample messages waiting
        assertThat(j.get("messages").asLong()).isEqualTo(700);
        assertThat(j.get("rows").asLong() + j.get("rejections").asLong()).isEqualTo(700);
        assertThat(j.get("workers").asInt()).isEqualTo(2);
        assertThat(j.get("pulses").asLong()).isPositive();
        assertThat(j.get("fx_max_pulse_gap_ms").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(j.get("fx_p99_pulse_gap_ms").asDouble());
        assertThat(j.get("fx_max_event_delay_ms").asDouble()).isPositive();
        assertThat(j.get("fx_thread_busy_share").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(j.get("render_thread_busy_share").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(j.get("fx_p99_event_delay_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(j.get("fx_max_event_delay_ms").asDouble());
        assertThat(j.get("gc_max_pause_ms").asDouble()).isNotNegative()
                .isLessThanOrEqualTo(j.get("gc_pause_total_ms").asDouble());
        assertThat(j.get("jit_compile_ms").asDouble()).isNotNegative();
        JsonNode gaps = j.get("longest_gaps");
        assertThat(gaps.size()).isBetween(1, 5);
        assertThat(gaps.get(0).get("ms").asDouble()).isEqualTo(j.get("fx_max_pulse_gap_ms").asDouble());
        for (JsonNode g : gaps) {
            assertThat(g.get("gc_ms").asDouble()).isNotNegative().isLessThanOrEqualTo(g.get("ms").asDouble() + 1);
        }
        assertThat(j.get("cli_msgs_per_s").asDouble()).as("the same stack drained without the window").isPositive();
        assertThat(j.get("console_to_cli").asDouble()).isPositive();
        assertThat(log).contains("Draining 700 messages from the console").contains("as `drainboard drain` does");
    }
}
