package dev.drainboard.model;

import java.util.Set;

/**
 * How a re-encryption run ended: the walk, the key the values moved to, the old keys they came
 * from, the v2 values the keyset could not open (left as stored) and the run's audit row.
 */
public record ReEncryptResult(MaskTableResult walk, String newKeyId, Set<String> oldKeyIds, long unreadable,
                              long auditId) {
}
