package dev.drainboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --embedded} on a small backlog: both setups drain every message once in each round,
 * and the result compares them. Rates are not asserted.
 */
class EmbeddedComparisonTest {

    @Test
    void drainsOnBothSetupsAndComparesThem() throws Exception {
        List<String> log = new ArrayList<>();
        EmbeddedComparison.Result r = new EmbeddedComparison(new EmbeddedComparison.Options(200, 2, 1), log::add)
                .run();

        assertThat(r.verified()).as(String.join("\n", log)).isTrue();
        for (EmbeddedComparison.Side s : List.of(r.external(), r.embedded())) {
            assertThat(s.verified()).isTrue();
            assertThat(s.drain_msgs_per_s()).hasSize(1).allSatisfy(rate -> assertThat(rate).isPositive());
            assertThat(s.median_msgs_per_s()).isEqualTo(s.drain_msgs_per_s().get(0));
            assertThat(s.cpu_us_per_msg().drainer()).isPositive();
        }
        assertThat(r.embedded().cpu_us_per_msg().sqs_server()).as("in-process: counted with the drainer")
                .isEqualTo(CpuPerMessage.NOT_MEASURED);
        assertThat(r.embedded_to_external()).isPositive();
    }
}
