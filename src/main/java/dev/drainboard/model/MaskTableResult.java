package dev.drainboard.model;

import java.time.Duration;
import java.util.List;

/**
 * How a run of {@code mask-table} (or a re-encryption) ended.
 *
 * @param table          the table, as PostgreSQL names it
 * @param columns        the columns rewritten and their fields
 * @param finished       true when every page was walked; false when it was stopped (a later run resumes)
 * @param resumedAtPage  the page this run started at (0 for a fresh run)
 * @param rowsChanged    rows rewritten by this run
 * @param valuesChanged  values rewritten by this run
 * @param rowsScanned    rows this run read because a value looked raw (changed or not)
 * @param notAddresses   ip values that are not an address, masked as stored (the pipeline would reject them)
 * @param elapsed        wall time of this run
 */
public record MaskTableResult(String table, List<ColumnMask> columns, boolean finished, long resumedAtPage,
                              long rowsChanged, long valuesChanged, long rowsScanned, long notAddresses,
                              Duration elapsed) {

    /** Rows walked per second by this run. */
    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rowsScanned / s;
    }
}
