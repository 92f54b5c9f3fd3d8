package dev.drainboard.sink;

import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.model.StoredRejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Read-only queries over what has been committed, for the console and the CLI. Everything it
 * returns is already masked. Thread-safe; each call borrows a connection.
 */
public final class Warehouse {
    private final DataSource ds;

    public Warehouse(DataSource ds) {
        this.ds = ds;
    }

    /** Tables estimated below this size are counted exactly; above, the statistics' estimate is used. */
    public static final long EXACT_COUNT_BELOW = 100_000;

    /** Rows and rejections, counted exactly (a scan of {@code user_logins}: for one-off questions). */
    public StoredCounts counts() {
        return query("count rows", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM user_logins), "
                    + "(SELECT count(*) FROM drainboard_rejections)"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoredCounts(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /**
     * Rows and rejections for a display that asks every second. {@code user_logins} is counted
     * exactly while small; above {@link #EXACT_COUNT_BELOW} rows the count is PostgreSQL's own
     * live-tuple estimate (no scan), so the console does not scan millions of rows every second.
     */
    public StoredCounts liveCounts() {
        return query("count rows", c -> {
            long estimate = ExploreQueries.tableEstimate(c);
            boolean exact = estimate < EXACT_COUNT_BELOW;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + (exact ? "(SELECT count(*) FROM user_logins)"
                    : "0") + ", (SELECT count(*) FROM drainboard_rejections)"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoredCounts(exact ? rs.getLong(1) : estimate, rs.getLong(2), !exact);
            }
        });
    }

    /**
     * The most recently inserted rows, newest first. {@code user_logins} has no insertion time of
     * its own (it keeps the exercise's columns), so physical order stands in for it. Reads only
     * the table's last blocks (a TID range scan, PostgreSQL 14+), widening until it has enough.
     */
    public List<StoredLogin> latestRows(int limit) {
        return query("read the latest rows", c -> {
            long blocks;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size('user_logins') / "
                    + "current_setting('block_size')::bigint"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                blocks = rs.getLong(1);
            }
            List<StoredLogin> out = List.of();
            for (long span = 8; ; span *= 16) {
                long start = Math.max(0, blocks - span);
                out = latestFrom(c, start, limit);
                if (out.size() >= limit || start == 0) {
                    return out;
                }
            }
        });
    }

    private static List<StoredLogin> latestFrom(Connection c, long block, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, device_type, masked_ip, masked_device_id,"
                + " locale, app_version, create_date FROM user_logins WHERE ctid >= ?::tid ORDER BY ctid DESC LIMIT ?")) {
            ps.setString(1, "(" + block + ",0)");
            ps.setInt(2, limit);
            List<StoredLogin> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6),
                            rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate()));
                }
            }
            return out;
        }
    }

    /**
     * The masks that occur most often in a column, with their counts; only masks seen twice or more.
     * Grouped live while the table is small; above {@link ExploreQueries#LIVE_GROUPING_LIMIT} rows
     * read from the stored grouping ({@link ExploreQueries#regroup()}), empty until it ran.
     */
    public List<MaskGroup> topRepeated(MaskColumn column, int limit) {
        long estimate = query("estimate the table", ExploreQueries::tableEstimate);
        if (estimate > ExploreQueries.LIVE_GROUPING_LIMIT) {
            return new ExploreQueries(ds).groupedTopRepeated(column, limit);
        }
        return query("group repeated masks", c -> {
            String col = column.column();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + col + ", count(*) FROM user_logins WHERE "
                    + col + " IS NOT NULL GROUP BY " + col + " HAVING count(*) > 1 ORDER BY count(*) DESC, " + col
                    + " LIMIT ?")) {
                ps.setInt(1, limit);
                List<MaskGroup> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MaskGroup(rs.getString(1), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    /** How many stored rows carry each of the given masks (absent = 0). */
    public Map<String, Long> countsOf(MaskColumn column, Collection<String> masks) {
        if (masks.isEmpty()) {
            return Map.of();
        }
        return query("count stored masks", c -> {
            String col = column.column();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + col + ", count(*) FROM user_logins WHERE "
                    + col + " = ANY(?) GROUP BY " + col)) {
                ps.setArray(1, c.createArrayOf("varchar", masks.toArray()));
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    public List<StoredRejection> rejections(int limit) {
        return query("read rejections", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, reason, summary, rejected_at FROM "
                    + "drainboard_rejections ORDER BY rejected_at DESC, message_id LIMIT ?")) {
                ps.setInt(1, limit);
                List<StoredRejection> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp t = rs.getTimestamp(4);
                        out.add(new StoredRejection(rs.getString(1), rs.getString(2), rs.getString(3),
                                t == null ? null : t.toInstant()));
                    }
                }
                return out;
            }
        });
    }

    private <T> T query(String what, PooledQueries.Query<T> q) {
        return PooledQueries.run(ds, what, q);
    }
}
