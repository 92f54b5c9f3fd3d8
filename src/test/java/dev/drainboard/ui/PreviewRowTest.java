package dev.drainboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewRowTest {
    private static final String MASK = "v1:" + "ab".repeat(32);

    @Test
    void equalMasksGetEqualChipColoursAndDifferentMasksUsuallyDiffer() {
        assertThat(PreviewRow.hueOf(MASK)).isEqualTo(PreviewRow.hueOf(new String(MASK)));
        assertThat(PreviewRow.hueOf(MASK)).isNotEqualTo(PreviewRow.hueOf("v1:" + "cd".repeat(32)));
        assertThat(PreviewRow.hueOf(null)).isEqualTo(-1);
    }

    @Test
    void aShortMaskKeepsTheSchemeAndEightDigits() {
        assertThat(PreviewRow.shortMask(MASK)).isEqualTo("v1:abababab…");
        assertThat(PreviewRow.shortMask(null)).isEmpty();
    }

    @Test
    void aRowIsRepeatedWhenItsMaskOccursTwiceOrIsAlreadyStored() {
        PreviewRow unique = new PreviewRow("m", false, "u", "ios", MASK, MASK, null, null, null, 1, 1, 0, 0, "");
        assertThat(unique.repeated()).isFalse();
        assertThat(unique.seenBefore()).isEmpty();
        PreviewRow stored = new PreviewRow("m", false, "u", "ios", MASK, MASK, null, null, null, 1, 1, 3, 1, "");
        assertThat(stored.repeated()).isTrue();
        assertThat(stored.seenBefore()).isEqualTo("seen 3× before");
    }
}
