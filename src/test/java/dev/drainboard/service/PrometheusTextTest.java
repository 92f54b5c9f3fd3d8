package dev.drainboard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The strict Prometheus text check that the service tests rely on rejects what Prometheus would. */
class PrometheusTextTest {
    private static final String GOOD = "# HELP a_total Things.\n# TYPE a_total counter\na_total 3.0\n"
            + "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.3\nh_count 2\n"
            + "# TYPE g gauge\ng{q=\"main\",s=\"vis\\\"ible\"} NaN\n";

    @Test
    void aWellFormedExpositionParses() {
        PrometheusText p = PrometheusText.parse(GOOD);
        assertThat(p.value("a_total")).isEqualTo(3.0);
        assertThat(p.value("h_count")).isEqualTo(2.0);
        assertThat(p.types).containsEntry("h", "histogram");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a_total 3.0\n",                                            // no TYPE
        "# TYPE a counter\n# TYPE a counter\na 1\n",                // TYPE twice
        "# TYPE a counter\nb 1\n",                                  // sample of another family
        "# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n",             // the same series twice
        "# TYPE a gauge\na{x=1} 1\n",                               // unquoted label value
        "# TYPE a gauge\na{1x=\"1\"} 1\n",                          // bad label name
        "# TYPE a gauge\na one\n",                                  // not a number
        "# TYPE a gauge\na 1",                                      // no final newline
        "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n",  // not cumulative
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n", // +Inf is not _count
        "# TYPE h histogram\nh 1\n",                                // histogram sample without suffix
        "garbage\n"
    })
    void whatPrometheusWouldRejectIsRejected(String text) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
