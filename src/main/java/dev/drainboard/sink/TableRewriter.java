package dev.drainboard.sink;

import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.ColumnMask;
import dev.drainboard.model.MaskTableDryRun;
import dev.drainboard.model.MaskTableProgress;
import dev.drainboard.model.MaskTableResult;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Rewrites chosen columns of a stored table in place, batch by batch, by heap-page (ctid) ranges:
 * each batch locks the candidate rows of a few pages ({@code SELECT ... FOR UPDATE}), computes the
 * new values in this JVM (the key never reaches the server), updates them and advances the cursor
 * in {@code drainboard_mask_progress}, all in ONE transaction. A crash or a stop between two
 * batches loses nothing, and the next run for the same table and columns continues at the saved
 * page. Which values are candidates and what they become is a {@link Rewrite}: masking raw values
 * ({@code mask-table}) or moving v2 masks to the primary key (re-encryption).
 *
 * <p>Idempotent by construction: a value that is no longer a candidate (it carries a mask prefix,
 * or is already under the primary key) is never touched, so a re-run changes nothing. Rows a new
 * version moves behind the cursor are already rewritten; rows appended during the run are walked
 * too (the walk ends only when the cursor reaches the table's current end). Indexes are maintained
 * by the ordinary UPDATEs, so queries keep working during the run.
 *
 * <p>One instance per table walk; not thread-safe. No value, raw or masked, is logged.
 */
public final class TableRewriter {
    /** The progress of every walk, one row per job and table. */
    public static final String PROGRESS_DDL = "CREATE TABLE IF NOT EXISTS drainboard_mask_progress ("
            + "job varchar(32) NOT NULL, table_name text NOT NULL, columns text NOT NULL, next_page bigint NOT NULL, "
            + "rows_changed bigint NOT NULL DEFAULT 0, values_changed bigint NOT NULL DEFAULT 0, "
            + "started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), "
            + "finished_at timestamptz, PRIMARY KEY (job, table_name))";
    /** The shortest mask: "v1:" and 32 hex digits. A narrower column cannot hold one. */
    static final int MIN_WIDTH = 35;
    private static final Set<String> TEXT_TYPES = Set.of("varchar", "text");

    /** What a walk does to a value. Implementations never log a value. */
    public interface Rewrite {
        /** The job name in the progress table ({@code mask}, {@code re-encrypt}). */
        String job();

        /** A SQL predicate over {@code quotedColumn} that is true for the values to rewrite (never for null). */
        String candidate(String quotedColumn);

        /** The same rule as {@link #candidate}, in Java, for a non-null stored value. */
        boolean isCandidate(String stored);

        /** The new value of a candidate, or null to leave it as stored. */
        String rewrite(ColumnMask column, String stored);

        /** Runs inside each batch's transaction, just before its commit (an audit row that must agree with it). */
        default void beforeCommit(Connection c, long rowsChanged, long valuesChanged) throws SQLException {
        }
    }

    /** A table and columns that were recognised; names are quoted for SQL. */
    public record Target(String table, List<ColumnMask> columns, List<String> quoted) {
    }

    private final DataSource ds;
    private final String where;

    public TableRewriter(DataSource ds, String where) {
        this.ds = ds;
        this.where = ConfigLoader.redactUrl(where);
    }

    /**
     * Checks that {@code table} exists, is a plain table and has every mapped column as a text
     * column wide enough for a mask; otherwise throws {@link SchemaException} saying why.
     */
    public Target recognise(String table, List<ColumnMask> columns, Set<String> knownFields) {
        if (columns.isEmpty()) {
            throw new SchemaException("No column to rewrite: give at least one --column COLUMN=FIELD.");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnMask c : columns) {
            if (!seen.add(c.column())) {
                throw new SchemaException("The column " + c.column() + " is mapped twice.");
            }
            if (!knownFields.contains(c.field())) {
                throw new SchemaException("The field '" + c.field() + "' of " + c + " is not one of the flattened "
                        + "login fields " + knownFields + "; the field name is part of the mask.");
            }
        }
        try (Connection c = ds.getConnection()) {
            String name;
            String kind;
            try (PreparedStatement ps = c.prepareStatement("SELECT c.oid::regclass::text, c.relkind FROM pg_class c "
                    + "WHERE c.oid = to_regclass(?)")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SchemaException("There is no table " + table + " in " + where
                                + " (looked up on the search_path). Give the table with --table.");
                    }
                    name = rs.getString(1);
                    kind = rs.getString(2);
                }
            } catch (SQLException e) {
                if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                    throw new SchemaException("'" + table + "' is not a table name PostgreSQL understands: "
                            + e.getMessage());
                }
                throw e;
            }
            if (!kind.equals("r")) {
                throw new SchemaException("The relation " + name + " is not a plain table (relkind " + kind + "; views, "
                        + "partitioned tables and foreign tables are not rewritten in place). Give one table or "
                        + "partition with --table.");
            }
            Map<String, String[]> cols = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, t.typname, a.atttypmod, "
                    + "format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                    + "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cols.put(rs.getString(1), new String[] {rs.getString(2), String.valueOf(rs.getInt(3)),
                                rs.getString(4)});
                    }
                }
            }
            List<String> quoted = new ArrayList<>();
            for (ColumnMask m : columns) {
                String[] t = cols.get(m.column());
                if (t == null) {
                    throw new SchemaException("The table " + name + " has no column " + m.column() + " (its columns: "
                            + String.join(", ", cols.keySet()) + "). Map the columns that hold raw values with "
                            + "--column COLUMN=FIELD, e.g. --column ip=ip.");
                }
                if (!TEXT_TYPES.contains(t[0])) {
                    throw new SchemaException("The column " + name + "." + m.column() + " is " + t[2]
                            + ", not varchar or text, so it cannot hold a mask.");
                }
                int typmod = Integer.parseInt(t[1]);
                if (t[0].equals("varchar") && typmod > 0 && typmod - 4 < MIN_WIDTH) {
                    throw new SchemaException("The column " + name + "." + m.column() + " is " + t[2] + ": a mask needs "
                            + "at least " + MIN_WIDTH + " characters. Widen it first, e.g. ALTER TABLE " + name
                            + " ALTER COLUMN " + m.column() + " TYPE varchar(256).");
                }
                quoted.add(quote(m.column()));
            }
            return new Target(name, List.copyOf(columns), List.copyOf(quoted));
        } catch (SQLException e) {
            throw SqlErrors.wrap("look up the table " + table, where, e);
        }
    }

    /** Counts what {@link #run} would change and shows {@code sampleSize} rows as they would be stored. */
    public MaskTableDryRun dryRun(Target t, Rewrite rewrite, int sampleSize) {
        StringBuilder sql = new StringBuilder("SELECT count(*), count(*) FILTER (WHERE ").append(anyCandidate(t, rewrite))
                .append(")");
        for (String q : t.quoted()) {
            sql.append(", count(*) FILTER (WHERE ").append(rewrite.candidate(q)).append(")");
            sql.append(", count(*) FILTER (WHERE ").append(q).append(" IS NOT NULL AND NOT (")
                    .append(rewrite.candidate(q)).append("))");
        }
        sql.append(" FROM ").append(t.table());
        try (Connection c = ds.getConnection()) {
            c.setReadOnly(true);
            Map<String, Long> change = new LinkedHashMap<>();
            Map<String, Long> left = new LinkedHashMap<>();
            long rows;
            long rowsToChange;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                rs.next();
                rows = rs.getLong(1);
                rowsToChange = rs.getLong(2);
                for (int i = 0; i < t.columns().size(); i++) {
                    change.put(t.columns().get(i).column(), rs.getLong(3 + 2 * i));
                    left.put(t.columns().get(i).column(), rs.getLong(4 + 2 * i));
                }
            }
            List<List<String>> sample = new ArrayList<>();
            String pick = "SELECT " + String.join(", ", t.quoted()) + " FROM " + t.table() + " WHERE "
                    + anyCandidate(t, rewrite) + " LIMIT " + Math.max(0, sampleSize);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(pick)) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 0; i < t.columns().size(); i++) {
                        row.add(afterRewrite(rewrite, t, i, rs.getString(i + 1)));
                    }
                    sample.add(row);
                }
            }
            return new MaskTableDryRun(t.table(), t.columns(), rows, rowsToChange, change, left, sample);
        } catch (SQLException e) {
            throw SqlErrors.wrap("count the values to rewrite in " + t.table(), where, e);
        }
    }

    /** The value as the run would store it: only ever a rewritten value, a left-alone value or null. */
    private static String afterRewrite(Rewrite rewrite, Target t, int i, String stored) {
        if (stored == null || !rewrite.isCandidate(stored)) {
            return stored;
        }
        String v = rewrite.rewrite(t.columns().get(i), stored);
        return v == null ? stored : v;
    }

    /**
     * Walks the table from the saved cursor (or from the start when there is none, when the saved
     * walk finished, or when it was for other columns; {@code restart} forces the start), one
     * committed batch of about {@code batchRows} rows at a time, until the end or until
     * {@code stop} is true between two batches. {@code progress} hears each committed batch, on
     * this thread.
     */
    public MaskTableResult run(Target t, Rewrite rewrite, int batchRows, boolean restart,
                               Consumer<MaskTableProgress> progress, BooleanSupplier stop) {
        long started = System.nanoTime();
        String columnsKey = t.columns().toString();
        long rowsChanged = 0;
        long valuesChanged = 0;
        long scanned = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(PROGRESS_DDL);
            }
            long[] saved = restart ? null : saved(c, rewrite.job(), t.table(), columnsKey);
            long cursor = saved == null ? 0 : saved[0];
            long priorRows = saved == null ? 0 : saved[1];
            long priorValues = saved == null ? 0 : saved[2];
            if (saved == null) {
                begin(c, rewrite.job(), t.table(), columnsKey);
            }
            long resumedAt = cursor;
            long pages = pages(c, t.table());
            long rows = rowCount(c, t.table());
            long pagesPerBatch = Math.max(1, (long) Math.ceil((double) batchRows * Math.max(pages, 1) / Math.max(rows, 1)));
            String select = "SELECT ctid::text, " + String.join(", ", t.quoted()) + " FROM " + t.table()
                    + " WHERE ctid >= ?::tid AND ctid < ?::tid AND (" + anyCandidate(t, rewrite) + ") FOR UPDATE";
            StringBuilder update = new StringBuilder("UPDATE ").append(t.table()).append(" AS t SET ");
            StringBuilder from = new StringBuilder(" FROM unnest(?::text[]::tid[]");
            for (int i = 0; i < t.quoted().size(); i++) {
                String q = t.quoted().get(i);
                update.append(i == 0 ? "" : ", ").append(q).append(" = COALESCE(u.c").append(i).append(", t.")
                        .append(q).append(")");
                from.append(", ?::text[]");
            }
            from.append(") AS u(id");
            for (int i = 0; i < t.quoted().size(); i++) {
                from.append(", c").append(i);
            }
            from.append(") WHERE t.ctid = u.id");
            String updateSql = update.append(from).toString();
            progress.accept(new MaskTableProgress(cursor, pages, resumedAt, priorRows, priorValues, Duration.ZERO));
            while (true) {
                if (stop.getAsBoolean()) {
                    return new MaskTableResult(t.table(), t.columns(), false, resumedAt, rowsChanged, valuesChanged,
                            scanned, 0, Duration.ofNanos(System.nanoTime() - started));
                }
                if (cursor >= pages) {
                    pages = pages(c, t.table()); // rows appended meanwhile are walked too
                    if (cursor >= pages) {
                        break;
                    }
                }
                long hi = cursor + pagesPerBatch;
                long[] batch = batch(c, t, rewrite, select, updateSql, cursor, hi);
                cursor = hi;
                rowsChanged += batch[0];
                valuesChanged += batch[1];
                scanned += batch[2];
                progress.accept(new MaskTableProgress(Math.min(cursor, pages), pages, resumedAt,
                        priorRows + rowsChanged, priorValues + valuesChanged,
                        Duration.ofNanos(System.nanoTime() - started)));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE drainboard_mask_progress SET finished_at = now(), "
                    + "updated_at = now() WHERE job = ? AND table_name = ?")) {
                ps.setString(1, rewrite.job());
                ps.setString(2, t.table());
                ps.executeUpdate();
            }
            return new MaskTableResult(t.table(), t.columns(), true, resumedAt, rowsChanged, valuesChanged, scanned, 0,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw SqlErrors.wrap("rewrite " + t.table() + " in place (the batches committed so far are kept; run "
                    + "again to continue)", where, e);
        }
    }

    /** One transaction: lock the candidates of pages [lo, hi), rewrite them, advance the cursor. */
    private long[] batch(Connection c, Target t, Rewrite rewrite, String select, String updateSql, long lo, long hi)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = on");
            }
            int n = t.columns().size();
            List<String> ids = new ArrayList<>();
            List<List<String>> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(new ArrayList<>());
            }
            long rowsChanged = 0;
            long valuesChanged = 0;
            long scanned = 0;
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, "(" + lo + ",0)");
                ps.setString(2, "(" + hi + ",0)");
                try (ResultSet rs = ps.executeQuery()) {
                    String[] probe = new String[n];
                    while (rs.next()) {
                        scanned++;
                        boolean any = false;
                        for (int i = 0; i < n; i++) {
                            String stored = rs.getString(i + 2);
                            String v = stored == null || !rewrite.isCandidate(stored) ? null
                                    : rewrite.rewrite(t.columns().get(i), stored);
                            probe[i] = v;
                            if (v != null) {
                                any = true;
                                valuesChanged++;
                            }
                        }
                        if (any) {
                            rowsChanged++;
                            ids.add(rs.getString(1));
                            for (int i = 0; i < n; i++) {
                                values.get(i).add(probe[i]);
                            }
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(updateSql)) {
                    List<Array> arrays = new ArrayList<>();
                    arrays.add(c.createArrayOf("text", ids.toArray()));
                    for (List<String> v : values) {
                        arrays.add(c.createArrayOf("text", v.toArray()));
                    }
                    for (int i = 0; i < arrays.size(); i++) {
                        ps.setArray(i + 1, arrays.get(i));
                    }
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE drainboard_mask_progress SET next_page = ?, "
                    + "rows_changed = rows_changed + ?, values_changed = values_changed + ?, updated_at = now() "
                    + "WHERE job = ? AND table_name = ?")) {
                ps.setLong(1, hi);
                ps.setLong(2, rowsChanged);
                ps.setLong(3, valuesChanged);
                ps.setString(4, rewrite.job());
                ps.setString(5, t.table());
                ps.executeUpdate();
            }
            rewrite.beforeCommit(c, rowsChanged, valuesChanged);
            c.commit();
            return new long[] {rowsChanged, valuesChanged, scanned};
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the server rolls back
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String anyCandidate(Target t, Rewrite rewrite) {
        List<String> parts = new ArrayList<>();
        for (String q : t.quoted()) {
            parts.add("(" + rewrite.candidate(q) + ")");
        }
        return String.join(" OR ", parts);
    }

    private static long[] saved(Connection c, String job, String table, String columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_page, rows_changed, values_changed, columns, "
                + "finished_at IS NOT NULL FROM drainboard_mask_progress WHERE job = ? AND table_name = ?")) {
            ps.setString(1, job);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBoolean(5) || !columns.equals(rs.getString(4))) {
                    return null;
                }
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static void begin(Connection c, String job, String table, String columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO drainboard_mask_progress (job, table_name, columns, "
                + "next_page) VALUES (?, ?, ?, 0) ON CONFLICT (job, table_name) DO UPDATE SET columns = excluded.columns, "
                + "next_page = 0, rows_changed = 0, values_changed = 0, started_at = now(), updated_at = now(), "
                + "finished_at = NULL")) {
            ps.setString(1, job);
            ps.setString(2, table);
            ps.setString(3, columns);
            ps.executeUpdate();
        }
    }

    private static long pages(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_relation_size('" 
                + table.replace("'", "''") + "'::regclass) / current_setting('block_size')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rowCount(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A SQL identifier, quoted. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return "TableRewriter(" + where + ")";
    }
}
