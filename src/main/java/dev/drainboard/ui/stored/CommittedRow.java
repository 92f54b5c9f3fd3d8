package dev.drainboard.ui.stored;

import dev.drainboard.model.StoredLogin;

/**
 * One line of the Committed table, made for display from a row read back from {@code user_logins}:
 * masks only, every value already text.
 */
public record CommittedRow(String userId, String deviceType, String maskedIp, String maskedDeviceId,
                           String locale, String appVersion, String createDate) {

    public static CommittedRow of(StoredLogin r) {
        return new CommittedRow(r.userId(), r.deviceType(), r.maskedIp(), r.maskedDeviceId(), r.locale(),
                r.appVersion(), r.createDate() == null ? null : r.createDate().toString());
    }
}
