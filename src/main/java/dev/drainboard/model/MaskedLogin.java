package dev.drainboard.model;

import java.time.LocalDate;

/**
 * A login ready for {@code user_logins}: {@code ip} and {@code device_id} replaced by their masks.
 * {@code facts} says what the masker did (never a value); it is not stored.
 */
public record MaskedLogin(String messageId, String userId, String deviceType, String maskedIp,
                          String maskedDeviceId, String locale, String appVersion, LocalDate createDate,
                          MaskFacts facts) {
    public MaskedLogin {
        facts = facts == null ? MaskFacts.UNKNOWN : facts;
    }

    /** A row whose masking facts are unknown (made without a masker). */
    public MaskedLogin(String messageId, String userId, String deviceType, String maskedIp,
                       String maskedDeviceId, String locale, String appVersion, LocalDate createDate) {
        this(messageId, userId, deviceType, maskedIp, maskedDeviceId, locale, appVersion, createDate,
                MaskFacts.UNKNOWN);
    }
}
