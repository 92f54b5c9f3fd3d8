package dev.drainboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The adaptive receiver limit, fed made-up window rates (no timing). */
class AdaptiveLimitTest {

    @Test
    void slowStartDoublesWhileTheRateKeepsGrowingAndStopsAtTheMaximum() {
        AdaptiveLimit l = new AdaptiveLimit(4, 32);
        assertThat(l.update(1000, false)).isEqualTo(8);
        assertThat(l.update(2000, false)).isEqualTo(16);
        assertThat(l.update(4000, false)).isEqualTo(32);
        assertThat(l.update(8000, false)).isEqualTo(32);
        assertThat(l.update(8000, false)).isEqualTo(32);
    }

    @Test
    void aStepAfterWhichTheRateFellIsTakenBack() {
        AdaptiveLimit l = new AdaptiveLimit(4, 64);
        l.update(1000, false); // 4 -> 8
        l.update(1500, false); // paid: 8 -> 16
        assertThat(l.update(1200, false)).as("16 did 20 %% worse than 8").isEqualTo(8);
    }

    @Test
    void aStepThatLeftTheRateLevelIsKeptAndEndsTheSlowStart() {
        AdaptiveLimit l = new AdaptiveLimit(4, 64);
        l.update(1000, false); // 4 -> 8
        assertThat(l.update(1020, false)).as("level: kept").isEqualTo(8);
        for (int i = 0; i < AdaptiveLimit.HOLD; i++) {
            assertThat(l.update(1020, false)).isEqualTo(8);
        }
        assertThat(l.update(1020, false)).as("then a probe of a quarter, not a doubling").isEqualTo(10);
    }

    @Test
    void afterHoldingItProbesOneQuarterUpAndKeepsAStepThatPays() {
        AdaptiveLimit l = new AdaptiveLimit(4, 64);
        l.update(1000, false); // 4 -> 8
        l.update(800, false); // worse: back to 4
        for (int i = 0; i < AdaptiveLimit.HOLD; i++) {
            assertThat(l.update(1000, false)).isEqualTo(4);
        }
        assertThat(l.update(1000, false)).as("probe: 4 + 4/4").isEqualTo(5);
        assertThat(l.update(1200, false)).as("the probe paid").isEqualTo(6);
    }

    @Test
    void troubleHalvesTheLimitButNeverBelowOne() {
        AdaptiveLimit l = new AdaptiveLimit(16, 16);
        assertThat(l.update(5000, true)).isEqualTo(8);
        assertThat(l.update(5000, true)).isEqualTo(4);
        assertThat(l.update(5000, true)).isEqualTo(2);
        assertThat(l.update(5000, true)).isEqualTo(1);
        assertThat(l.update(5000, true)).isEqualTo(1);
    }

    @Test
    void theLimitStaysWithinOneAndTheMaximum() {
        assertThat(new AdaptiveLimit(10, 3).limit()).isEqualTo(3);
        assertThat(new AdaptiveLimit(0, 3).limit()).isEqualTo(1);
        assertThatThrownBy(() -> new AdaptiveLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
