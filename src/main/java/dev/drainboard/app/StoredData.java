package dev.drainboard.app;

import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.model.StoredRejection;
import dev.drainboard.sink.Warehouse;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The read-only questions both faces ask of PostgreSQL (a seam over {@link Warehouse}, so view
 * models can be tested with an in-memory fake). Blocking: the console calls it through its task
 * adapter, never on the UI thread.
 */
public interface StoredData {
    /** Exact counts. */
    StoredCounts counts();

    /** Counts for a display polled every second: an estimate on large tables (exact by default). */
    default StoredCounts liveCounts() {
        return counts();
    }

    List<StoredLogin> latestRows(int limit);

    List<MaskGroup> topRepeated(MaskColumn column, int limit);

    Map<String, Long> countsOf(MaskColumn column, Collection<String> masks);

    List<StoredRejection> rejections(int limit);

    static StoredData of(Warehouse w) {
        return new StoredData() {
            @Override
            public StoredCounts counts() {
                return w.counts();
            }

            @Override
            public StoredCounts liveCounts() {
                return w.liveCounts();
            }

            @Override
            public List<StoredLogin> latestRows(int limit) {
                return w.latestRows(limit);
            }

            @Override
            public List<MaskGroup> topRepeated(MaskColumn column, int limit) {
                return w.topRepeated(column, limit);
            }

            @Override
            public Map<String, Long> countsOf(MaskColumn column, Collection<String> masks) {
                return w.countsOf(column, masks);
            }

            @Override
            public List<StoredRejection> rejections(int limit) {
                return w.rejections(limit);
            }
        };
    }
}
