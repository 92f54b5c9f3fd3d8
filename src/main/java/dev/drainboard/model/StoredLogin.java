package dev.drainboard.model;

import java.time.LocalDate;

/** One committed row of {@code user_logins}, as read back: masks only, never a raw value. */
public record StoredLogin(String userId, String deviceType, String maskedIp, String maskedDeviceId,
                          String locale, String appVersion, LocalDate createDate) {
}
