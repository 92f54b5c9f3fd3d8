package dev.drainboard.ui.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.ui.common.MaskChips;
import org.junit.jupiter.api.Test;

class PreviewRowTest {
    private static final String MASK = "v1:" + "ab".repeat(32);

    @Test
    void equalMasksGetEqualChipColoursAndDifferentMasksUsuallyDiffer() {
        assertThat(MaskChips.hueOf(MASK)).isEqualTo(MaskChips.hueOf(new String(MASK)));
        assertThat(MaskChips.hueOf(MASK)).isNotEqualTo(MaskChips.hueOf("v1:" + "cd".repeat(32)));
        assertThat(MaskChips.hueOf(null)).isEqualTo(-1);
    }

    @Test
    void aShortMaskKeepsTheSchemeAndEightDigits() {
        assertThat(MaskChips.shortMask(MASK)).isEqualTo("v1:abababab…");
        assertThat(MaskChips.shortMask(null)).isEmpty();
    }

    @Test
    void aRowIsRepeatedWhenItsMaskOccursTwiceOrIsAlreadyStored() {
        PreviewRow unique = new PreviewRow("m", "u", "ios", MASK, MASK, null, null, null, 1, 1, 0, 0);
        assertThat(unique.repeated()).isFalse();
        assertThat(unique.seenBefore()).isEmpty();
        PreviewRow stored = new PreviewRow("m", "u", "ios", MASK, MASK, null, null, null, 1, 1, 3, 1);
        assertThat(stored.repeated()).isTrue();
        assertThat(stored.seenBefore()).isEqualTo("seen 3× before");
    }
}
