package dev.drainboard.ui;

import dev.drainboard.sink.Warehouse;
import dev.drainboard.sink.Warehouse.Counts;
import dev.drainboard.sink.Warehouse.MaskColumn;
import dev.drainboard.sink.Warehouse.MaskGroup;
import dev.drainboard.sink.Warehouse.StoredLogin;
import dev.drainboard.sink.Warehouse.StoredRejection;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The read-only questions the console asks of PostgreSQL (a seam over {@link Warehouse}, so view
 * models can be tested with an in-memory fake). Blocking; call through {@link Tasks}.
 */
public interface Insights {
    Counts counts();

    List<StoredLogin> latestRows(int limit);

    List<MaskGroup> topRepeated(MaskColumn column, int limit);

    Map<String, Long> countsOf(MaskColumn column, Collection<String> masks);

    List<StoredRejection> rejections(int limit);

    static Insights of(Warehouse w) {
        return new Insights() {
            @Override
            public Counts counts() {
                return w.counts();
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
