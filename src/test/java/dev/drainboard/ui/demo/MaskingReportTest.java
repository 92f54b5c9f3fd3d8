package dev.drainboard.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.support.TestKeys;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.PolicyMasker;
import dev.drainboard.ui.demo.MaskingReport.Treatment;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskingReportTest {
    private static final HmacMasker HMAC = new HmacMasker(TestKeys.BYTES);
    private static final LoginEvent RAW = new LoginEvent("m1", "u1", "ios", "199.172.111.135",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "PH", "0.96", LocalDate.of(2024, 1, 2));

    @Test
    void theDefaultPolicyHidesIpAndDeviceIdByShapeAndKeepsTheRest() {
        MaskingReport r = MaskingReport.of(HMAC.apply(RAW));

        assertThat(r.hidden()).isEqualTo("hidden: ip (IPv4), device id (36 chars)");
        assertThat(r.line("ip").treatment()).isEqualTo(Treatment.MASKED);
        assertThat(r.line("ip").stored()).startsWith("v1:").endsWith("…");
        assertThat(r.line("user_id").treatment()).isEqualTo(Treatment.KEPT);
        assertThat(r.line("user_id").stored()).isEqualTo("u1");
        assertThat(r.line("create_date").stored()).isEqualTo("2024-01-02");
        assertThat(r.toString()).doesNotContain("199.172").doesNotContain("3f2504e0");
    }

    @Test
    void aPolicyThatAlsoMasksUserIdAndDropsLocaleSaysSo() {
        MaskedLogin m = new PolicyMasker(HMAC, Set.of("ip", "device_id", "user_id"), Set.of("locale")).apply(RAW);

        MaskingReport r = MaskingReport.of(m);

        assertThat(r.hidden()).isEqualTo("hidden: user id, ip (IPv4), device id (36 chars), locale");
        assertThat(r.line("locale").treatment()).isEqualTo(Treatment.DROPPED);
        assertThat(r.line("user_id").stored()).startsWith("v1:").doesNotContain("u1");
    }

    @Test
    void aPiiFieldKeptRawIsNamedButNeverShown() {
        MaskedLogin m = new PolicyMasker(HMAC, Set.of("device_id"), Set.of()).apply(RAW);

        MaskingReport r = MaskingReport.of(m);

        assertThat(r.line("ip").treatment()).isEqualTo(Treatment.KEPT);
        assertThat(r.line("ip").stored()).isEqualTo("raw value, not shown");
        assertThat(r.toString()).doesNotContain("199.172");
    }
}
