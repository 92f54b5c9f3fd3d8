package dev.drainboard.sink;

import dev.drainboard.model.ChartKind;
import dev.drainboard.model.ChartSeries;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.LoginFilter.RowCount;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.PageRequest;
import dev.drainboard.model.SharedMasks;
import dev.drainboard.model.StoredLogin;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The analyst's read-only questions over {@code user_logins}, all answered in PostgreSQL and all
 * meant to be served by an index (docs/explore.md lists which): keyset pages, counts that become
 * estimates when exact counting would be slow, follow-a-mask, every mask of a user, the masks
 * shared by several user ids, chart numbers and a streamed export. Everything it returns is
 * masked as stored. Thread-safe; each call borrows a connection.
 */
public final class ExploreQueries {
    /** Up to this many matching rows are counted exactly; above, the planner's estimate is shown. */
    public static final int EXACT_COUNT_LIMIT = 10_000;
    /** Tables up to this size are grouped live; larger ones read the stored grouping. */
    public static final long LIVE_GROUPING_LIMIT = 200_000;
    /** Charts over more matching rows than this are computed from a block sample of about this size. */
    public static final long CHART_EXACT_LIMIT = 50_000;

    static final String COLUMNS = "user_id, device_type, masked_ip, masked_device_id, locale, app_version,"
            + " create_date";
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

    private final DataSource ds;
    private final long liveGroupingLimit;

    public ExploreQueries(DataSource ds) {
        this(ds, LIVE_GROUPING_LIMIT);
    }

    /** With another size up to which masks are grouped live (tests use 0: always the stored grouping). */
    public ExploreQueries(DataSource ds, long liveGroupingLimit) {
        this.ds = ds;
        this.liveGroupingLimit = liveGroupingLimit;
    }

    // --- the filter as SQL ---

    /** A WHERE clause and its parameters. */
    record Where(String sql, List<Object> params) {
        void bind(PreparedStatement ps, int from) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof LocalDate) {
                    ps.setDate(from + i, Date.valueOf((LocalDate) p));
                } else {
                    ps.setString(from + i, (String) p);
                }
            }
        }
    }

    static Where where(LoginFilter f) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        eq(parts, params, "user_id", f.userId());
        eq(parts, params, "masked_ip", f.maskedIp());
        eq(parts, params, "masked_device_id", f.maskedDeviceId());
        eq(parts, params, "device_type", f.deviceType());
        eq(parts, params, "locale", f.locale());
        eq(parts, params, "app_version", f.appVersion());
        if (f.from() != null) {
            parts.add("create_date >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            parts.add("create_date <= ?");
            params.add(f.to());
        }
        return new Where(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
    }

    private static void eq(List<String> parts, List<Object> params, String col, String v) {
        if (v != null) {
            parts.add(col + " = ?");
            params.add(v);
        }
    }

    // --- pages ---

    /**
     * One keyset page of the rows matching {@code f}: by date newest first (then user id, then
     * physical position), or by user id (then date, then position). The anchor's position is
     * compared, not looked up, so a page after a deleted row starts right after where it was.
     * Rows whose create date or user id is null are not paged (counts and exports include them).
     */
    public ExplorePage page(LoginFilter f, ExploreSort sort, PageRequest req) {
        return query("read a page of rows", c -> {
            String sql = pageSql(f, sort, req);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Where w = where(f);
                w.bind(ps, 1);
                int i = w.params().size() + 1;
                if (req.direction() != PageRequest.Direction.FIRST) {
                    StoredLogin a = req.anchor().login();
                    if (sort == ExploreSort.DATE) {
                        ps.setDate(i++, Date.valueOf(a.createDate()));
                        ps.setString(i++, a.userId());
                    } else {
                        ps.setString(i++, a.userId());
                        ps.setDate(i++, Date.valueOf(a.createDate()));
                    }
                    ps.setString(i++, req.anchor().rowKey());
                }
                ps.setInt(i, req.size() + 1);
                List<ExploreRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new ExploreRow(login(rs), rs.getString(8)));
                    }
                }
                boolean more = rows.size() > req.size();
                if (more) {
                    rows.remove(rows.size() - 1);
                }
                switch (req.direction()) {
                    case PREVIOUS:
                        Collections.reverse(rows);
                        return new ExplorePage(rows, more, true);
                    case NEXT:
                        return new ExplorePage(rows, true, more);
                    default:
                        return new ExplorePage(rows, false, more);
                }
            }
        });
    }

    static String pageSql(LoginFilter f, ExploreSort sort, PageRequest req) {
        boolean newestFirst = sort == ExploreSort.DATE;
        String key = newestFirst ? "(create_date, user_id, ctid)" : "(user_id, create_date, ctid)";
        // Reading backwards (previous page) flips the order; the rows are reversed afterwards.
        boolean descending = newestFirst ^ (req.direction() == PageRequest.Direction.PREVIOUS);
        String dir = descending ? " DESC" : "";
        String order = newestFirst
                ? "create_date" + dir + ", user_id" + dir + ", ctid" + dir
                : "user_id" + dir + ", create_date" + dir + ", ctid" + dir;
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", ctid::text FROM user_logins WHERE ")
                .append(where(f).sql());
        // both keys non-null on every page: a row comparison with a NULL is NULL, and an anchor
        // with a null key could not be bound
        sql.append(" AND create_date IS NOT NULL AND user_id IS NOT NULL");
        if (req.direction() != PageRequest.Direction.FIRST) {
            sql.append(" AND ").append(key).append(descending ? " < " : " > ").append("(?, ?, ?::tid)");
        }
        return sql.append(" ORDER BY ").append(order).append(" LIMIT ?").toString();
    }

    // --- counts ---

    /**
     * How many rows match: exact up to {@link #EXACT_COUNT_LIMIT} (a bounded count), otherwise the
     * planner's estimate (never less than the bound it counted to).
     */
    public RowCount count(LoginFilter f) {
        return query("count matching rows", c -> {
            Where w = where(f);
            if (f.isEmpty()) {
                long table = tableEstimate(c);
                if (table > EXACT_COUNT_LIMIT) {
                    return new RowCount(table, false);
                }
            }
            // When the planner expects far more rows than the bound, counting up to the bound would
            // read tens of thousands of rows only to say "about"; its estimate says it at once.
            long planned = estimate(c, w);
            if (planned > 5L * EXACT_COUNT_LIMIT) {
                return new RowCount(planned, false);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM user_logins WHERE "
                    + w.sql() + " LIMIT " + (EXACT_COUNT_LIMIT + 1) + ") s")) {
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n <= EXACT_COUNT_LIMIT) {
                        return new RowCount(n, true);
                    }
                }
            }
            return new RowCount(Math.max(EXACT_COUNT_LIMIT + 1, planned), false);
        });
    }

    private static long estimate(Connection c, Where w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) SELECT 1 FROM user_logins WHERE "
                + w.sql())) {
            w.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Matcher m = PLAN_ROWS.matcher(rs.getString(1));
                return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
            }
        }
    }

    /** The table's size from the statistics (live tuples, else the planner's reltuples); no scan. */
    public static long tableEstimate(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT GREATEST(COALESCE("
                + "(SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = 'user_logins'::regclass), 0), "
                + "(SELECT reltuples::bigint FROM pg_class WHERE oid = 'user_logins'::regclass))")) {
            rs.next();
            return Math.max(0, rs.getLong(1));
        }
    }

    // --- follow a mask ---

    /** Rows, distinct user ids and first / last date of one mask (index on the mask column). */
    public MaskSummary follow(MaskColumn column, String mask) {
        return query("follow a mask", c -> {
            String col = column.column();
            try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT user_id), count(*), min(create_date),"
                    + " max(create_date) FROM user_logins WHERE " + col + " = ?")) {
                ps.setString(1, mask);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new MaskSummary(column, mask, rs.getLong(1), rs.getLong(2), date(rs, 3), date(rs, 4));
                }
            }
        });
    }

    /**
     * Every masked ip and masked device id that {@code userId} used, with that user's rows and
     * dates, and how many distinct user ids each mask has over the whole table.
     */
    public List<MaskSummary> masksOf(String userId) {
        return query("read the masks of a user", c -> {
            List<MaskSummary> out = new ArrayList<>();
            for (MaskColumn column : MaskColumn.values()) {
                String col = column.column();
                try (PreparedStatement ps = c.prepareStatement("SELECT m.mask, (SELECT count(DISTINCT o.user_id) FROM "
                        + "user_logins o WHERE o." + col + " = m.mask), m.n, m.first, m.last FROM (SELECT " + col
                        + " AS mask, count(*) AS n, min(create_date) AS first, max(create_date) AS last FROM "
                        + "user_logins WHERE user_id = ? AND " + col + " IS NOT NULL GROUP BY " + col + ") m "
                        + "ORDER BY m.n DESC, m.mask")) {
                    ps.setString(1, userId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new MaskSummary(column, rs.getString(1), rs.getLong(2), rs.getLong(3),
                                    date(rs, 4), date(rs, 5)));
                        }
                    }
                }
            }
            return out;
        });
    }

    // --- shared masks ---

    /**
     * Masks of {@code column} used by two or more distinct user ids, most users first. Small tables
     * are grouped again whenever they changed; large ones are read from the last
     * {@link #regroup()} (its time is in the answer), so the list is always an index read.
     */
    public SharedMasks shared(MaskColumn column, int limit) {
        return query("read the shared masks", c -> {
            Instant at = groupedAt(c);
            long rows = tableEstimate(c);
            if (rows <= liveGroupingLimit) {
                long exact = exactRows(c);
                if (at == null || exact != groupedRows(c)) {
                    regroup(c);
                    at = groupedAt(c);
                }
                rows = exact;
            } else {
                rows = at == null ? rows : groupedRows(c);
            }
            List<MaskSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT mask, users, row_count, first_date, last_date FROM "
                    + "drainboard_mask_groups WHERE mask_column = ? AND users >= 2 ORDER BY users DESC, row_count "
                    + "DESC, mask LIMIT ?")) {
                ps.setString(1, column.column());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MaskSummary(column, rs.getString(1), rs.getLong(2), rs.getLong(3), date(rs, 4),
                                date(rs, 5)));
                    }
                }
            }
            return new SharedMasks(out, at, rows);
        });
    }

    /**
     * Groups the whole table again into {@code drainboard_mask_groups} (every mask on two or more
     * rows, with its distinct user ids), in one transaction; a scan of the table, seconds at
     * millions of rows. Returns the number of groups stored. Regroups are serialised across
     * processes by a transaction-level advisory lock ({@link #GROUPING_LOCK}): a second one started
     * meanwhile (the console's Regroup and the CLI, two consoles) waits for the first to commit and
     * then groups again over what is committed, instead of failing on a duplicate key.
     */
    public long regroup() {
        return query("group the masks", ExploreQueries::regroup);
    }

    /**
     * The advisory lock key of the stored grouping: taken exclusively by {@link #regroup()},
     * shared by {@link #forEachShared} so that an export reads one grouping from start to end.
     */
    static final long GROUPING_LOCK = 0x4442_6d61_736b_6772L; // "DBmaskgr"

    private static long regroup(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // after the wait, each statement below sees what the regroup before this one committed
            s.execute("SELECT pg_advisory_xact_lock(" + GROUPING_LOCK + ")");
            long n = exactRows(c);
            s.execute("DELETE FROM drainboard_mask_groups");
            long groups = 0;
            for (MaskColumn column : MaskColumn.values()) {
                String col = column.column();
                groups += s.executeUpdate("INSERT INTO drainboard_mask_groups (mask_column, mask, users, row_count,"
                        + " first_date, last_date) SELECT '" + col + "', " + col + ", count(DISTINCT user_id), count(*),"
                        + " min(create_date), max(create_date) FROM user_logins WHERE " + col + " IS NOT NULL GROUP BY "
                        + col + " HAVING count(*) > 1");
            }
            s.execute("INSERT INTO drainboard_mask_groups_run (id, computed_at, table_rows) VALUES (1, now(), " + n
                    + ") ON CONFLICT (id) DO UPDATE SET computed_at = excluded.computed_at, table_rows = "
                    + "excluded.table_rows");
            c.commit();
            return groups;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static long exactRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM user_logins")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Instant groupedAt(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT computed_at FROM drainboard_mask_groups_run WHERE id = 1")) {
            if (!rs.next()) {
                return null;
            }
            Timestamp t = rs.getTimestamp(1);
            return t.toInstant();
        }
    }

    private static long groupedRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_rows FROM drainboard_mask_groups_run WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** The most repeated masks (by rows) from the stored grouping; empty until it was computed. */
    public List<dev.drainboard.model.MaskGroup> groupedTopRepeated(MaskColumn column, int limit) {
        return query("read the repeated masks", c -> {
            List<dev.drainboard.model.MaskGroup> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT mask, row_count FROM drainboard_mask_groups WHERE "
                    + "mask_column = ? ORDER BY row_count DESC, mask LIMIT ?")) {
                ps.setString(1, column.column());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new dev.drainboard.model.MaskGroup(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            return out;
        });
    }

    // --- charts ---

    /**
     * The numbers of one chart over the rows matching {@code f}; top {@code topN} categories for
     * locale and app version. Above {@link #CHART_EXACT_LIMIT} matching rows, counted in a
     * repeatable block sample and scaled up ({@link ChartSeries#sampled()}); users per device id
     * counts the device ids with two or more user ids, over the whole table from the stored
     * grouping (an index range of the shared ones only).
     */
    public ChartSeries chart(ChartKind chart, LoginFilter f, int topN) {
        return query("compute a chart", c -> {
            Where w = where(f);
            long table = tableEstimate(c);
            long matching = f.isEmpty() ? table : estimate(c, w);
            if (chart == ChartKind.USERS_PER_DEVICE && f.isEmpty() && table > liveGroupingLimit) {
                return new ChartSeries(points(c, "SELECT users::text, '', count(*) FROM drainboard_mask_groups WHERE "
                        + "mask_column = 'masked_device_id' AND users >= 2 GROUP BY users ORDER BY users",
                        new Where("", List.of()), 1), false);
            }
            boolean sample = matching > CHART_EXACT_LIMIT && table > 0;
            double pct = sample ? Math.max(0.01, Math.min(100, 100.0 * CHART_EXACT_LIMIT / table)) : 100;
            String from = sample ? "user_logins TABLESAMPLE SYSTEM (" + String.format(java.util.Locale.ROOT, "%.4f",
                    pct) + ") REPEATABLE (16)" : "user_logins";
            double scale = chart == ChartKind.USERS_PER_DEVICE ? 1 : 100 / pct;
            String sql;
            switch (chart) {
                case PER_DAY_BY_DEVICE:
                    sql = "SELECT create_date::text, COALESCE(device_type, '(none)'), count(*) FROM " + from + " WHERE "
                            + w.sql() + " AND create_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2";
                    break;
                case BY_LOCALE:
                    sql = "SELECT COALESCE(locale, '(none)'), '', count(*) FROM " + from + " WHERE " + w.sql()
                            + " GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + topN;
                    break;
                case BY_APP_VERSION:
                    sql = "SELECT COALESCE(app_version, '(none)'), '', count(*) FROM " + from + " WHERE " + w.sql()
                            + " GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + topN;
                    break;
                default:
                    sql = "SELECT users::text, '', count(*) FROM (SELECT masked_device_id, count(DISTINCT user_id) AS "
                            + "users FROM " + from + " WHERE " + w.sql() + " AND masked_device_id IS NOT NULL GROUP BY "
                            + "masked_device_id HAVING count(DISTINCT user_id) >= 2) g GROUP BY users ORDER BY users";
            }
            return new ChartSeries(points(c, sql, w, scale), sample);
        });
    }

    private static List<ChartSeries.Point> points(Connection c, String sql, Where w, double scale)
            throws SQLException {
        List<ChartSeries.Point> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            w.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChartSeries.Point(rs.getString(1), rs.getString(2), Math.round(rs.getLong(3) * scale)));
                }
            }
        }
        return out;
    }

    // --- export ---

    /** Receives exported rows one by one; returning false stops the export. */
    public interface RowHandler {
        boolean accept(StoredLogin row) throws Exception;
    }

    /**
     * Streams every row matching {@code f} in {@code sort} order to {@code handler} (a server-side
     * cursor, so memory stays flat), until it returns false. Returns the rows handed over.
     */
    public long forEach(LoginFilter f, ExploreSort sort, RowHandler handler) {
        Where w = where(f);
        String order = sort == ExploreSort.DATE ? "create_date DESC, user_id DESC, ctid DESC"
                : "user_id, create_date, ctid";
        return export("export rows", c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM user_logins WHERE " + w.sql()
                    + " ORDER BY " + order)) {
                ps.setFetchSize(2000);
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        if (!handler.accept(login(rs))) {
                            break;
                        }
                    }
                }
            }
            return n;
        });
    }

    /** Receives exported shared masks one by one; returning false stops the export. */
    public interface MaskHandler {
        boolean accept(MaskSummary mask) throws Exception;
    }

    /** Shared masks are exported in keyset pages of this many. */
    public static final int SHARED_PAGE = 1000;

    /** {@link #forEachShared(MaskColumn, int, MaskHandler)} in pages of {@link #SHARED_PAGE}. */
    public long forEachShared(MaskColumn column, MaskHandler handler) {
        return forEachShared(column, SHARED_PAGE, handler);
    }

    /**
     * Streams every mask of {@code column} with two or more user ids from the stored grouping, in
     * the order of {@link #shared} (most users first), to {@code handler} until it returns false:
     * keyset pages of {@code pageSize} (each an index range of {@code drainboard_mask_groups}), so
     * memory stays flat at any number of shared masks. The whole export is one transaction that
     * holds the grouping's lock shared, so a {@link #regroup()} meanwhile waits and every page reads
     * the same grouping. It does not regroup: {@link #shared} first, for a fresh grouping. Returns
     * the masks handed over.
     */
    public long forEachShared(MaskColumn column, int pageSize, MaskHandler handler) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
        }
        return export("export the shared masks", c -> {
            long n = 0;
            try (Statement lock = c.createStatement();
                 PreparedStatement first = c.prepareStatement(SHARED_PAGE_SQL + SHARED_ORDER);
                 PreparedStatement next = c.prepareStatement(SHARED_PAGE_SQL + " AND users <= ? AND (users < ? OR "
                         + "(users = ? AND (row_count < ? OR (row_count = ? AND mask > ?))))" + SHARED_ORDER)) {
                lock.execute("SELECT pg_advisory_xact_lock_shared(" + GROUPING_LOCK + ")");
                MaskSummary last = null;
                boolean more = true;
                while (more) {
                    PreparedStatement ps = last == null ? first : next;
                    ps.setString(1, column.column());
                    int i = 2;
                    if (last != null) {
                        ps.setLong(i++, last.users());
                        ps.setLong(i++, last.users());
                        ps.setLong(i++, last.users());
                        ps.setLong(i++, last.rows());
                        ps.setLong(i++, last.rows());
                        ps.setString(i++, last.mask());
                    }
                    ps.setInt(i, pageSize);
                    int got = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            got++;
                            last = new MaskSummary(column, rs.getString(1), rs.getLong(2), rs.getLong(3),
                                    date(rs, 4), date(rs, 5));
                            n++;
                            if (!handler.accept(last)) {
                                more = false;
                                break;
                            }
                        }
                    }
                    more = more && got == pageSize;
                }
            }
            return n;
        });
    }

    private static final String SHARED_PAGE_SQL = "SELECT mask, users, row_count, first_date, last_date FROM "
            + "drainboard_mask_groups WHERE mask_column = ? AND users >= 2";
    private static final String SHARED_ORDER = " ORDER BY users DESC, row_count DESC, mask LIMIT ?";

    // --- plumbing ---

    static StoredLogin login(ResultSet rs) throws SQLException {
        return new StoredLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), date(rs, 7));
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    /** The body of an export: reads in one transaction, hands rows to a handler, returns how many. */
    private interface Export {
        long run(Connection c) throws Exception;
    }

    /**
     * Runs {@code body} in one read transaction (so a cursor can stream and every page reads the
     * same data); a handler's own failure stops it as a {@link SinkException} that is not retryable.
     */
    private long export(String what, Export body) {
        return query(what, c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long n = body.run(c);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } catch (Exception e) {
                c.rollback();
                throw new SinkException("export stopped: " + e.getMessage(), false, e);
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    private <T> T query(String what, PooledQueries.Query<T> q) {
        return PooledQueries.run(ds, what, q);
    }
}
