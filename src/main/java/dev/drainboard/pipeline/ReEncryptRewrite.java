package dev.drainboard.pipeline;

import dev.drainboard.model.ColumnMask;
import dev.drainboard.sink.ReEncryptionAudit;
import dev.drainboard.sink.TableRewriter;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.model.Unmasked;
import dev.drainboard.transform.Unmasker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The re-encryption after a key rotation: a {@code v2:} value under any key but the primary is
 * opened with the keyset and sealed again with the primary key, so equal values under different
 * old keys end with one equal mask. {@code v1:} values, raw values and values already under the
 * primary are left alone. A value the keyset cannot open stays as it is and is counted.
 */
public final class ReEncryptRewrite implements TableRewriter.Rewrite {
    public static final String JOB = "re-encrypt";
    private final Unmasker unmasker;
    private final Masker primary;
    private final String primaryPrefix;
    private final long auditId;
    private final Set<String> oldKeys = new TreeSet<>();
    private final AtomicLong unreadable = new AtomicLong();

    /** {@code primary} masks with the keyset's primary key, whose id is {@code primaryKeyId} (8 hex digits). */
    public ReEncryptRewrite(Unmasker unmasker, Masker primary, String primaryKeyId, long auditId) {
        if (!primaryKeyId.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a key id is 8 hex digits");
        }
        this.unmasker = unmasker;
        this.primary = primary;
        this.primaryPrefix = SivMasker.PREFIX + primaryKeyId + ":";
        this.auditId = auditId;
    }

    @Override
    public String job() {
        return JOB;
    }

    @Override
    public String candidate(String q) {
        return "left(" + q + ", 3) = '" + SivMasker.PREFIX + "' AND left(" + q + ", 12) <> '" + primaryPrefix + "'";
    }

    @Override
    public boolean isCandidate(String stored) {
        return stored.startsWith(SivMasker.PREFIX) && !stored.startsWith(primaryPrefix);
    }

    @Override
    public String rewrite(ColumnMask column, String stored) {
        Unmasked u = unmasker.unmask(column.field(), stored);
        if (!u.isRevealed()) {
            unreadable.incrementAndGet();
            return null;
        }
        synchronized (oldKeys) {
            oldKeys.add(stored.substring(3, 11));
        }
        return primary.mask(column.field(), u.value());
    }

    @Override
    public void beforeCommit(Connection c, long rowsChanged, long valuesChanged) throws SQLException {
        ReEncryptionAudit.add(c, auditId, rowsChanged, valuesChanged, String.join(",", oldKeyIds()));
    }

    /** The old key ids whose values this run moved, sorted. */
    public Set<String> oldKeyIds() {
        synchronized (oldKeys) {
            return new TreeSet<>(oldKeys);
        }
    }

    /** v2 values this keyset could not open (another keyset, a key removed, altered); left as stored. */
    public long unreadable() {
        return unreadable.get();
    }
}
