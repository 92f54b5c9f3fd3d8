package dev.drainboard.sink;

import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.StoredLogin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database side of revealing masked values: reads the requested rows and writes their audit
 * row to {@code drainboard_reveals} in ONE transaction, so rows are never handed out without a
 * committed audit record. It stores what was looked up (a mask or a user id), never a revealed
 * value. Thread-safe; each call borrows a connection.
 */
public final class RevealStore {
    /** The most rows one reveal returns; larger groups are cut here and the audit row says how many were shown. */
    public static final int MAX_ROWS = 1000;

    /** What a reveal looks rows up by; the name is the column, and the audit table's {@code lookup}. */
    public enum Lookup {
        MASKED_IP("masked_ip"), MASKED_DEVICE_ID("masked_device_id"), USER_ID("user_id");

        private final String column;

        Lookup(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }

        public static Lookup of(MaskColumn c) {
            return c == MaskColumn.MASKED_IP ? MASKED_IP : MASKED_DEVICE_ID;
        }
    }

    /** The rows a reveal may show; {@code truncated} when more than {@link #MAX_ROWS} matched. */
    public record Found(List<StoredLogin> rows, boolean truncated) {
    }

    /** One audit row as stored. */
    public record RevealRecord(long id, Instant revealedAt, String osUser, Lookup lookup, String lookupValue,
                               int rowCount, String reason) {
    }

    private static final String SELECT = "SELECT user_id, device_type, masked_ip, masked_device_id, locale, "
            + "app_version, create_date FROM user_logins WHERE %s = ? ORDER BY create_date, user_id "
            + "LIMIT " + (MAX_ROWS + 1);
    private static final String AUDIT = "INSERT INTO drainboard_reveals (os_user, lookup, lookup_value, row_count, "
            + "reason) VALUES (?, ?, ?, ?, ?)";

    private final DataSource ds;

    public RevealStore(DataSource ds) {
        this.ds = ds;
    }

    /**
     * The rows whose {@code lookup} column equals {@code value} (at most {@link #MAX_ROWS}), returned
     * only after their audit row, with the number of rows shown, has committed.
     */
    public Found readAndAudit(Lookup lookup, String value, String osUser, String reason) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<StoredLogin> rows = select(c, lookup, value);
                boolean truncated = rows.size() > MAX_ROWS;
                if (truncated) {
                    rows = rows.subList(0, MAX_ROWS);
                }
                try (PreparedStatement ps = c.prepareStatement(AUDIT)) {
                    ps.setString(1, osUser);
                    ps.setString(2, lookup.column());
                    ps.setString(3, value);
                    ps.setInt(4, rows.size());
                    ps.setString(5, reason);
                    ps.executeUpdate();
                }
                c.commit();
                return new Found(List.copyOf(rows), truncated);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("reveal and audit", describe(), e);
        }
    }

    /** The latest audit rows, newest first. */
    public List<RevealRecord> recent(int limit) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, revealed_at, "
                + "os_user, lookup, lookup_value, row_count, reason FROM drainboard_reveals ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<RevealRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(2);
                    out.add(new RevealRecord(rs.getLong(1), t.toInstant(), rs.getString(3),
                            lookupOf(rs.getString(4)), rs.getString(5), rs.getInt(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.wrap("read the reveal audit", describe(), e);
        }
    }

    private static List<StoredLogin> select(Connection c, Lookup lookup, String value) throws SQLException {
        List<StoredLogin> rows = new ArrayList<>();
        // the column name comes from the enum, never from input
        try (PreparedStatement ps = c.prepareStatement(String.format(SELECT, lookup.column()))) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6),
                            rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate()));
                }
            }
        }
        return rows;
    }

    private static Lookup lookupOf(String column) {
        for (Lookup l : Lookup.values()) {
            if (l.column().equals(column)) {
                return l;
            }
        }
        throw new IllegalStateException("unknown lookup in drainboard_reveals: " + column);
    }

    private String describe() {
        try (Connection c = ds.getConnection()) {
            return ConfigLoader.redactUrl(c.getMetaData().getURL());
        } catch (SQLException e) {
            return "the database";
        }
    }
}
