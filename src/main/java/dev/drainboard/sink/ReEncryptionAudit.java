package dev.drainboard.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One row per re-encryption run in {@code drainboard_reencryptions}: who (the OS user), when,
 * which table and columns, how many values moved, from which old key ids to which new one. Never
 * a value. The counts are added in each batch's own transaction, so a run that was killed still
 * has a row that agrees with what it committed ({@code finished_at} stays null).
 */
public final class ReEncryptionAudit {
    public static final String DDL = "CREATE TABLE IF NOT EXISTS drainboard_reencryptions ("
            + "id bigserial PRIMARY KEY, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, "
            + "os_user varchar(128) NOT NULL, table_name text NOT NULL, columns text NOT NULL, "
            + "new_key_id varchar(8) NOT NULL, old_key_ids text NOT NULL DEFAULT '', "
            + "rows_changed bigint NOT NULL DEFAULT 0, values_changed bigint NOT NULL DEFAULT 0)";

    private ReEncryptionAudit() {
    }

    /** Creates the run's row and returns its id. */
    public static long begin(DataSource ds, String where, String osUser, String table, String columns, String newKeyId) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO drainboard_reencryptions (os_user, table_name, "
                    + "columns, new_key_id) VALUES (?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, osUser);
                ps.setString(2, table);
                ps.setString(3, columns);
                ps.setString(4, newKeyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("write the re-encryption audit row", where, e);
        }
    }

    /** Inside a batch's transaction: adds its counts and the old key ids seen so far. */
    public static void add(Connection c, long id, long rows, long values, String oldKeyIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE drainboard_reencryptions SET rows_changed = rows_changed "
                + "+ ?, values_changed = values_changed + ?, old_key_ids = ? WHERE id = ?")) {
            ps.setLong(1, rows);
            ps.setLong(2, values);
            ps.setString(3, oldKeyIds);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Marks the run as having walked the whole table. */
    public static void finish(DataSource ds, String where, long id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE drainboard_reencryptions SET finished_at = now() "
                     + "WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.wrap("finish the re-encryption audit row", where, e);
        }
    }
}
