package dev.drainboard.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.MaskFacts;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.support.TestKeys;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacMaskerTest {
    private final HmacMasker masker = new HmacMasker(TestKeys.BYTES);

    /** Expected values computed independently with Python's hmac module over key bytes 0..31. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "ip, 199.172.111.135, v1:61aaf25c82f9162ffb0b2ba7fbc3e3b9",
        "device_id, 593-47-5928, v1:b59d0ef6ed549c7cc046c31bf1121e9c",
        "ip, 593-47-5928, v1:dd6948751b7983bb092a0f1297d3c3ea",
        "ip, '', v1:37c25610ebcead86a5e8f0e71fad6106"
    })
    void matchesThePinnedFormat(String field, String value, String expected) {
        assertThat(masker.mask(field, value)).isEqualTo(expected);
    }

    @Test
    void equalInputsGiveEqualMasksAcrossInstances() {
        assertThat(new HmacMasker(TestKeys.BYTES).mask("ip", "10.1.2.3")).isEqualTo(masker.mask("ip", "10.1.2.3"));
    }

    @Test
    void anotherKeyGivesAnotherMask() {
        byte[] other = Arrays.copyOf(TestKeys.BYTES, 32);
        other[0] = 99;
        assertThat(new HmacMasker(other).mask("ip", "10.1.2.3")).isNotEqualTo(masker.mask("ip", "10.1.2.3"));
    }

    @Test
    void theFieldNameIsPartOfTheMask() {
        assertThat(masker.mask("ip", "x")).isNotEqualTo(masker.mask("device_id", "x"));
    }

    @Test
    void nullStaysNull() {
        assertThat(masker.mask("ip", null)).isNull();
    }

    @Test
    void onlyIpAndDeviceIdChange() {
        LoginEvent e = new LoginEvent("m1", "u1", "ios", "199.172.111.135", "593-47-5928", null, "0.96",
                LocalDate.of(2024, 1, 2));

        MaskedLogin m = masker.apply(e);

        assertThat(m).isEqualTo(new MaskedLogin("m1", "u1", "ios", "v1:61aaf25c82f9162ffb0b2ba7fbc3e3b9",
                "v1:b59d0ef6ed549c7cc046c31bf1121e9c", null, "0.96", LocalDate.of(2024, 1, 2),
                new MaskFacts(Set.of("ip", "device_id"), Set.of(), "IPv4", 11)));
    }

    @Test
    void theFactsNoteTheShapeOfTheRawValuesButNoValue() {
        LoginEvent e = new LoginEvent("m2", "u2", "android", "2001:db8::7", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                "PH", "1.2", LocalDate.of(2024, 1, 2));

        MaskFacts f = masker.apply(e).facts();

        assertThat(f.ipFamily()).isEqualTo("IPv6");
        assertThat(f.deviceIdLength()).isEqualTo(36);
        assertThat(f.toString()).doesNotContain("2001").doesNotContain("3f2504e0");
    }

    @Test
    void isSafeToShareBetweenThreads() throws InterruptedException {
        String expected = masker.mask("ip", "10.9.8.7");
        String[] seen = new String[8];
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            int k = i;
            threads[i] = new Thread(() -> {
                String last = null;
                for (int j = 0; j < 2_000; j++) {
                    masker.mask("device_id", "noise-" + j);
                    last = masker.mask("ip", "10.9.8.7");
                }
                seen[k] = last;
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).containsOnly(expected);
    }
}
