package dev.drainboard.pipeline;

import dev.drainboard.model.Unmasked;
import java.time.LocalDate;

/**
 * One stored row as a reveal shows it: the row's plain columns, its masks, and what could be
 * revealed of each mask. {@code ip} or {@code deviceId} is null when that column was not asked for
 * (a reveal by mask shows only the column it was asked about).
 */
public record RevealedRow(String userId, String deviceType, String locale, String appVersion, LocalDate createDate,
                          String maskedIp, String maskedDeviceId, Unmasked ip, Unmasked deviceId) {
}
