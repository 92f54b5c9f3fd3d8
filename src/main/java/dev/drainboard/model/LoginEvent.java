package dev.drainboard.model;

import java.time.LocalDate;

/**
 * A parsed, flattened, still unmasked login. Holds raw PII: it lives only in memory between the
 * parser and the masker.
 */
public record LoginEvent(String messageId, String userId, String deviceType, String ip, String deviceId,
                         String locale, String appVersion, LocalDate createDate) {
    @Override
    public String toString() {
        return "LoginEvent[" + messageId + ", user=" + userId + ", ip=<raw>, deviceId=<raw>]";
    }
}
