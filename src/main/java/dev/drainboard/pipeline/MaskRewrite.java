package dev.drainboard.pipeline;

import dev.drainboard.model.ColumnMask;
import dev.drainboard.sink.TableRewriter;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.IpAddresses;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.SivMasker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mask-table}'s rewrite: a value without a mask prefix ({@code v1:} or {@code v2:}) is raw
 * and gets the mask the pipeline would give it, with the same {@link Masker} and, for {@code ip},
 * the same canonical spelling ({@link IpAddresses}), so a stored mask equals the mask of the same
 * login drained later. Values that already carry a prefix, and nulls, are left alone.
 */
public final class MaskRewrite implements TableRewriter.Rewrite {
    public static final String JOB = "mask";
    private final Masker masker;
    private final AtomicLong notAddresses = new AtomicLong();

    public MaskRewrite(Masker masker) {
        this.masker = masker;
    }

    @Override
    public String job() {
        return JOB;
    }

    @Override
    public String candidate(String q) {
        return q + " IS NOT NULL AND left(" + q + ", 3) NOT IN ('" + HmacMasker.PREFIX + "', '" + SivMasker.PREFIX + "')";
    }

    @Override
    public boolean isCandidate(String stored) {
        return !stored.startsWith(HmacMasker.PREFIX) && !stored.startsWith(SivMasker.PREFIX);
    }

    @Override
    public String rewrite(ColumnMask column, String stored) {
        String value = stored;
        if (column.field().equals(Masker.FIELD_IP)) {
            IpAddresses.Result ip = IpAddresses.canonical(stored);
            if (ip.canonical() != null) {
                value = ip.canonical();
            } else {
                // the pipeline would reject it; stored raw, it must still not stay readable
                notAddresses.incrementAndGet();
            }
        }
        return masker.mask(column.field(), value);
    }

    /** ip values seen so far that are not an address; they were masked as stored. */
    public long notAddresses() {
        return notAddresses.get();
    }
}
