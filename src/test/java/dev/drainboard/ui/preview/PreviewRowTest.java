package dev.drainboard.ui.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.support.TestKeysets;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.ui.common.MaskChips;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** v2 masks share "v2:<key id>:"; chips and short texts must come from the ciphertext after it. */
    @Test
    void v2MasksOfDifferentValuesGetDifferentChipsAndShortTextsAndEqualOnesTheSame() {
        SivMasker siv = new SivMasker(TestKeysets.handle(TestKeysets.ONE));
        List<String> masks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            masks.add(siv.mask("ip", "10.0.0." + i));
        }
        Set<Double> hues = new HashSet<>();
        Set<String> shorts = new HashSet<>();
        for (String m : masks) {
            assertThat(m).startsWith("v2:f5dd77b4:");
            hues.add(MaskChips.hueOf(m));
            shorts.add(MaskChips.shortMask(m));
        }

        // fixed key, fixed inputs: these counts are the same on every run
        assertThat(hues).hasSizeGreaterThanOrEqualTo(18);
        assertThat(shorts).hasSize(20).allSatisfy(t -> assertThat(t).startsWith("v2:").doesNotContain("f5dd77b4"));
        String again = siv.mask("ip", "10.0.0.3");
        assertThat(MaskChips.hueOf(again)).isEqualTo(MaskChips.hueOf(masks.get(3)));
        assertThat(MaskChips.shadeOf(again)).isEqualTo(MaskChips.shadeOf(masks.get(3)));
        assertThat(MaskChips.shortMask(again)).isEqualTo(MaskChips.shortMask(masks.get(3)));
    }
}
