package dev.drainboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.MaskFacts;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.support.TestKeys;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.PolicyMasker;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskPolicyTest {
    private static AppConfig load(Map<ConfigKey, String> flags) {
        return new ConfigLoader(flags, Map.of(), new Properties()).load();
    }

    @Test
    void theDefaultMasksIpAndDeviceIdAndKeepsTheRest() {
        MaskPolicy p = load(Map.of()).maskPolicy();

        assertThat(p).isEqualTo(MaskPolicy.DEFAULT);
        assertThat(p.summary()).isEqualTo("masked: ip, device_id");
        assertThat(p.setting()).isEqualTo("user_id=keep,device_type=keep,ip=mask,device_id=mask,locale=keep,"
                + "app_version=keep");
    }

    @Test
    void fieldsNotNamedKeepTheirDefaultAndTheSummarySaysWhatIsDropped() {
        MaskPolicy p = load(Map.of(ConfigKey.MASK_POLICY, "user_id=mask, locale=drop")).maskPolicy();

        assertThat(p.action("ip")).isEqualTo(MaskPolicy.Action.MASK);
        assertThat(p.summary()).isEqualTo("masked: ip, device_id, user_id; dropped: locale");
    }

    @Test
    void keepingIpOrDeviceIdRawNeedsTheFlagAndIsThenSaidInTheSummary() {
        assertThatThrownBy(() -> load(Map.of(ConfigKey.MASK_POLICY, "ip=keep"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--allow-raw-pii");

        MaskPolicy p = load(Map.of(ConfigKey.MASK_POLICY, "ip=keep", ConfigKey.ALLOW_RAW_PII, "true")).maskPolicy();

        assertThat(p.summary()).isEqualTo("masked: device_id; RAW (allowed by --allow-raw-pii): ip");
    }

    @Test
    void refusesUnknownFieldsActionsAndMasksThatDoNotFitTheColumn() {
        List<String> errors = new ArrayList<>();
        MaskPolicy.parse("email=mask,user_id=hash,locale=mask", false, errors);

        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("'email' is not a login field");
        assertThat(errors.get(1)).contains("must be mask, keep or drop");
        assertThat(errors.get(2)).contains("varchar(32), too narrow");
    }

    @Test
    void aPolicyMaskerMasksWithTheSameSchemeAndDropsToNull() {
        HmacMasker hmac = new HmacMasker(TestKeys.BYTES);
        PolicyMasker m = new PolicyMasker(hmac, Set.of("ip", "device_id", "user_id"), Set.of("locale"));
        LoginEvent e = new LoginEvent("m1", "u1", "ios", "199.172.111.135", "593-47-5928", "RU", "0.96",
                LocalDate.of(2024, 1, 2));

        MaskedLogin r = m.apply(e);

        assertThat(r).isEqualTo(new MaskedLogin("m1", hmac.mask("user_id", "u1"), "ios",
                "v1:61aaf25c82f9162ffb0b2ba7fbc3e3b9", "v1:b59d0ef6ed549c7cc046c31bf1121e9c", null, "0.96",
                LocalDate.of(2024, 1, 2), new MaskFacts(Set.of("ip", "device_id", "user_id"), Set.of("locale"),
                "IPv4", 11)));
    }
}
