package dev.drainboard.model;

import java.util.List;
import java.util.Map;

/**
 * What a run of {@code mask-table} would change, counted inside the server; nothing is written.
 *
 * @param table         the table, as PostgreSQL names it
 * @param columns       the columns and their fields
 * @param rows          rows in the table
 * @param rowsToChange  rows with at least one value to mask
 * @param valuesToChange per column, the values without a mask prefix ({@code v1:}/{@code v2:}) that would be masked
 * @param alreadyMasked per column, the values that already carry a mask prefix and are left alone
 * @param sample        a few rows as they would be stored: masks, already-masked values or null; never a raw value
 */
public record MaskTableDryRun(String table, List<ColumnMask> columns, long rows, long rowsToChange,
                              Map<String, Long> valuesToChange, Map<String, Long> alreadyMasked,
                              List<List<String>> sample) {

    public long totalValuesToChange() {
        return valuesToChange.values().stream().mapToLong(Long::longValue).sum();
    }
}
