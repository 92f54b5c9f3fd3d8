package dev.drainboard.model;

import java.time.LocalDate;

/** A login ready for {@code user_logins}: {@code ip} and {@code device_id} replaced by their masks. */
public record MaskedLogin(String messageId, String userId, String deviceType, String maskedIp,
                          String maskedDeviceId, String locale, String appVersion, LocalDate createDate) {
}
