package dev.drainboard.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.Rejection;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link LoginSink} on PostgreSQL. One transaction per batch: the ledger insert decides which
 * message ids are new; only their rows and rejections are inserted, each table with one
 * {@code INSERT ... SELECT FROM unnest(...)} statement over bound arrays (no SQL is built from data).
 */
public final class PostgresLoginSink implements LoginSink {
    private static final String INSERT_LEDGER = "INSERT INTO drainboard_ledger (message_id, outcome, "
            + "message_group_id, sequence_number) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::numeric[]) ON CONFLICT (message_id) DO NOTHING RETURNING message_id";
    private static final String INSERT_ROWS = "INSERT INTO user_logins (user_id, device_type, masked_ip, "
            + "masked_device_id, locale, app_version, create_date) SELECT * FROM unnest(?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::date[])";
    /** A replayed copy is new only while its rejection record waits for it ('pending'). */
    private static final String SETTLE_REPLAYS = "UPDATE drainboard_rejections r SET replay_outcome = u.outcome "
            + "FROM unnest(?::varchar[], ?::text[]) AS u(id, outcome) WHERE r.message_id = u.id "
            + "AND r.replay_outcome = 'pending' RETURNING r.message_id";
    private static final String UPDATE_LEDGER = "UPDATE drainboard_ledger l SET outcome = u.outcome, "
            + "committed_at = now() FROM unnest(?::varchar[], ?::varchar[]) AS u(id, outcome) WHERE l.message_id = u.id";
    private static final String INSERT_REJECTIONS = "INSERT INTO drainboard_rejections (message_id, reason, summary) "
            + "SELECT * FROM unnest(?::varchar[], ?::text[], ?::text[])";

    /**
     * The whole write of a group without replays in ONE statement, so the transaction is two round
     * trips (the statement, with the driver's BEGIN in front of it, then COMMIT): the ledger insert decides which ids are new (its RETURNING
     * list), and the rows and rejections of exactly those ids are inserted by the same statement's
     * other parts (data-modifying CTEs see each other's RETURNING rows). Rows keep their order.
     * Saves three to four round trips and three statement starts per group against the
     * statement-by-statement path, which stays for groups with replays. On a FIFO queue {@code p}
     * carries each message's group and sequence number into the ledger (empty on a standard queue).
     */
    private static final String WRITE_ONE_STATEMENT = "WITH r AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::date[]) WITH ORDINALITY "
            + "AS r(message_id, user_id, device_type, masked_ip, masked_device_id, locale, app_version, create_date, ord)), "
            + "j AS (SELECT * FROM unnest(?::varchar[], ?::text[], ?::text[]) AS j(message_id, reason, summary)), "
            + "p AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::numeric[]) AS p(message_id, grp, seq)), "
            + "fresh AS (INSERT INTO drainboard_ledger (message_id, outcome, message_group_id, sequence_number) "
            + "SELECT x.message_id, x.outcome, p.grp, p.seq FROM (SELECT message_id, 'row' AS outcome FROM r "
            + "UNION ALL SELECT message_id, 'rejected' FROM j) x LEFT JOIN p ON p.message_id = x.message_id "
            + "ON CONFLICT (message_id) DO NOTHING RETURNING message_id), "
            + "ins AS (INSERT INTO user_logins (user_id, device_type, masked_ip, masked_device_id, locale, app_version, "
            + "create_date) SELECT r.user_id, r.device_type, r.masked_ip, r.masked_device_id, r.locale, r.app_version, "
            + "r.create_date FROM r JOIN fresh f ON f.message_id = r.message_id ORDER BY r.ord), "
            + "rej AS (INSERT INTO drainboard_rejections (message_id, reason, summary) SELECT j.message_id, j.reason, "
            + "j.summary FROM j JOIN fresh f ON f.message_id = j.message_id) "
            + "SELECT message_id FROM fresh";

    /**
     * Physical connections on which {@code synchronous_commit = on} was set for the session (see
     * {@link #durableSession}); weak, so a connection the pool drops is forgotten with it.
     */
    private final java.util.Map<Object, Boolean> durableSessions =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final DataSource dataSource;
    private final String description;
    private final AutoCloseable owned;

    /** A sink over a pool that the caller owns and closes. */
    public PostgresLoginSink(DataSource dataSource, String description) {
        this(dataSource, description, null);
    }

    private PostgresLoginSink(DataSource dataSource, String description, AutoCloseable owned) {
        this.dataSource = dataSource;
        this.description = description;
        this.owned = owned;
    }

    /**
     * Opens a pool of {@code poolSize} connections, creates missing tables and checks
     * {@code user_logins}. The sink owns the pool.
     */
    public static PostgresLoginSink open(String jdbcUrl, String user, String password, int poolSize) {
        HikariDataSource ds = pool(jdbcUrl, user, password, poolSize);
        try {
            Schema.ensure(ds);
            return new PostgresLoginSink(ds, ConfigLoader.redactUrl(jdbcUrl), ds);
        } catch (SQLException e) {
            ds.close();
            throw SqlErrors.wrap("prepare the tables", ConfigLoader.redactUrl(jdbcUrl), e);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** A Hikari pool that fails fast when the server is down, instead of hanging a caller. */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(1);
        hc.setPoolName("drainboard");
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("connectTimeout", "5");
        hc.addDataSourceProperty("socketTimeout", "60");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "drainboard");
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new SinkException("Could not open a connection pool to " + ConfigLoader.redactUrl(jdbcUrl) + ": "
                    + e.getMessage(), true, e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public CommitResult write(Batch batch) {
        return writeAll(List.of(batch)).get(0);
    }

    /**
     * Writes several batches in ONE transaction (group commit: one round of ledger, rows and
     * rejections, one fsync) and returns each batch's own result, in order. All or nothing.
     */
    public List<CommitResult> writeAll(List<Batch> batches) {
        int messages = 0;
        for (Batch b : batches) {
            messages += b.rows().size() + b.rejections().size();
        }
        if (messages == 0) {
            return batches.stream().map(b -> CommitResult.NONE).toList();
        }
        boolean replays = false;
        for (Batch b : batches) {
            for (QueueMessage m : b.messages()) {
                replays |= m.replay();
            }
        }
        if (!replays) {
            return writeInOneStatement(batches, messages);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (java.sql.Statement s = c.createStatement()) {
                    // messages are deleted once COMMIT returns: it must be on disk by then, even on a
                    // server (or a role) configured with synchronous_commit off
                    s.execute("SET LOCAL synchronous_commit = on");
                }
                List<CommitResult> r = writeIn(c, batches);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("write " + messages + " messages", description, e);
        }
    }

    /**
     * The common case (no replayed message in the group): {@link #WRITE_ONE_STATEMENT} and COMMIT,
     * on a session with {@code synchronous_commit = on}, so COMMIT returns only once the
     * transaction is on disk. All or nothing, like the transaction of the other path. (In autocommit
     * it would be one round trip; the explicit COMMIT keeps "the commit failed" a distinct, tested
     * failure, and costs one round trip per group, not per batch.)
     */
    private List<CommitResult> writeInOneStatement(List<Batch> batches, int messages) {
        List<MaskedLogin> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Batch b : batches) {
            for (MaskedLogin r : b.rows()) {
                if (seen.add(r.messageId())) {
                    rows.add(r);
                }
            }
            for (Rejection r : b.rejections()) {
                if (seen.add(r.messageId())) {
                    rejections.add(r);
                }
            }
        }
        Set<String> fresh = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            durableSession(c);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(WRITE_ONE_STATEMENT)) {
                bindRows(c, ps, rows);
                bindRejections(c, ps, 9, rejections);
                bindFifoPositions(c, ps, batches, rows, rejections);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("write " + messages + " messages", description, e);
        }
        // each new id counts once, for the first batch that holds it, as in the other path
        List<CommitResult> results = new ArrayList<>(batches.size());
        for (Batch b : batches) {
            int written = 0;
            int rejected = 0;
            for (MaskedLogin r : b.rows()) {
                if (fresh.remove(r.messageId())) {
                    written++;
                }
            }
            for (Rejection r : b.rejections()) {
                if (fresh.remove(r.messageId())) {
                    rejected++;
                }
            }
            int total = b.rows().size() + b.rejections().size();
            results.add(new CommitResult(written, rejected, total - written - rejected, 0, 0));
        }
        return results;
    }

    /**
     * Sets {@code synchronous_commit = on} for the session of {@code c}'s physical connection, once
     * per connection: messages are deleted once a commit returns, so it must be on disk by then even
     * on a server, database or role configured with it off. Session-wide rather than per
     * transaction ({@code SET LOCAL}, one more round trip each time); nothing in Drainboard resets it
     * (the pool does not run {@code DISCARD ALL} or {@code RESET ALL}).
     */
    private void durableSession(Connection c) throws SQLException {
        Object physical = c.isWrapperFor(org.postgresql.PGConnection.class)
                ? c.unwrap(org.postgresql.PGConnection.class) : c;
        if (durableSessions.containsKey(physical)) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = on");
        }
        durableSessions.put(physical, Boolean.TRUE);
    }

    private static List<CommitResult> writeIn(Connection c, List<Batch> batches) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        List<String> replayIds = new ArrayList<>();
        List<String> replayOutcomes = new ArrayList<>();
        Set<String> replayedRejections = new HashSet<>();
        for (Batch b : batches) {
            Set<String> replays = new HashSet<>();
            java.util.Map<String, QueueMessage> byId = new java.util.HashMap<>();
            for (QueueMessage m : b.messages()) {
                byId.put(m.messageId(), m);
                if (m.replay()) {
                    replays.add(m.messageId());
                }
            }
            for (MaskedLogin r : b.rows()) {
                boolean replay = replays.contains(r.messageId());
                (replay ? replayIds : ids).add(r.messageId());
                (replay ? replayOutcomes : outcomes).add("row");
                if (!replay) {
                    addFifoPosition(byId.get(r.messageId()), groups, sequences);
                }
            }
            for (Rejection r : b.rejections()) {
                boolean replay = replays.contains(r.messageId());
                (replay ? replayIds : ids).add(r.messageId());
                if (!replay) {
                    addFifoPosition(byId.get(r.messageId()), groups, sequences);
                }
                (replay ? replayOutcomes : outcomes).add(replay ? "rejected again: " + r.reason() : "rejected");
                if (replay) {
                    replayedRejections.add(r.messageId());
                }
            }
        }
        Set<String> fresh = new HashSet<>();
        if (!ids.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_LEDGER)) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                ps.setArray(2, c.createArrayOf("varchar", outcomes.toArray()));
                ps.setArray(3, c.createArrayOf("varchar", groups.toArray()));
                ps.setArray(4, c.createArrayOf("varchar", sequences.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1));
                    }
                }
            }
        }
        if (!replayIds.isEmpty()) {
            settleReplays(c, replayIds, replayOutcomes, fresh);
        }
        // Each new id is written once, even if the same message arrived twice in this transaction.
        List<MaskedLogin> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<CommitResult> results = new ArrayList<>(batches.size());
        for (Batch b : batches) {
            int written = 0;
            int rejected = 0;
            for (MaskedLogin r : b.rows()) {
                if (fresh.remove(r.messageId())) {
                    rows.add(r);
                    written++;
                }
            }
            for (Rejection r : b.rejections()) {
                if (fresh.remove(r.messageId())) {
                    rejections.add(r);
                    rejected++;
                }
            }
            int total = b.rows().size() + b.rejections().size();
            results.add(new CommitResult(written, rejected, total - written - rejected, 0, 0));
        }
        if (!rows.isEmpty()) {
            insertRows(c, rows);
        }
        // a replay rejected again keeps its one rejection record, whose replay_outcome now says so
        rejections.removeIf(r -> replayedRejections.contains(r.messageId()));
        if (!rejections.isEmpty()) {
            insertRejections(c, rejections);
        }
        return results;
    }

    /** A FIFO message's group and sequence number for its ledger entry (nulls on a standard queue). */
    /**
     * Binds parameters 12-14 of {@link #WRITE_ONE_STATEMENT}: message id, group and sequence number
     * of every message that has a group (a FIFO queue); empty arrays otherwise.
     */
    private static void bindFifoPositions(Connection c, PreparedStatement ps, List<Batch> batches,
                                          List<MaskedLogin> rows, List<Rejection> rejections) throws SQLException {
        java.util.Map<String, QueueMessage> byId = new java.util.HashMap<>();
        for (Batch b : batches) {
            for (QueueMessage m : b.messages()) {
                if (m.groupId() != null) {
                    byId.putIfAbsent(m.messageId(), m);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        if (!byId.isEmpty()) {
            List<String> all = new ArrayList<>(rows.size() + rejections.size());
            rows.forEach(r -> all.add(r.messageId()));
            rejections.forEach(r -> all.add(r.messageId()));
            for (String id : all) {
                QueueMessage m = byId.get(id);
                if (m != null) {
                    ids.add(id);
                    addFifoPosition(m, groups, sequences);
                }
            }
        }
        ps.setArray(12, c.createArrayOf("varchar", ids.toArray()));
        ps.setArray(13, c.createArrayOf("varchar", groups.toArray()));
        ps.setArray(14, c.createArrayOf("varchar", sequences.toArray()));
    }

    private static void addFifoPosition(QueueMessage m, List<String> groups, List<String> sequences) {
        String seq = m == null ? null : m.sequenceNumber();
        groups.add(m == null ? null : m.groupId());
        // only a decimal number goes to the numeric column: a server's odd value must not refuse the batch
        sequences.add(seq != null && seq.matches("[0-9]{1,40}") ? seq : null);
    }

    /** Lets through the replays whose record is pending, marks their outcome and their ledger entry. */
    private static void settleReplays(Connection c, List<String> ids, List<String> outcomes, Set<String> fresh)
            throws SQLException {
        Set<String> settled = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SETTLE_REPLAYS)) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            ps.setArray(2, c.createArrayOf("text", outcomes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    settled.add(rs.getString(1));
                }
            }
        }
        List<String> ledgerIds = new ArrayList<>();
        List<String> ledgerOutcomes = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (settled.remove(ids.get(i))) {
                fresh.add(ids.get(i));
                ledgerIds.add(ids.get(i));
                ledgerOutcomes.add(outcomes.get(i).equals("row") ? "row" : "rejected");
            }
        }
        if (!ledgerIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_LEDGER)) {
                ps.setArray(1, c.createArrayOf("varchar", ledgerIds.toArray()));
                ps.setArray(2, c.createArrayOf("varchar", ledgerOutcomes.toArray()));
                ps.executeUpdate();
            }
        }
    }

    private static final String ROW = "row";

    @Override
    public String markReplayed(String messageId) {
        String sql = "UPDATE drainboard_rejections r SET replayed_at = now(), replay_outcome = 'pending' FROM "
                + "(SELECT message_id, replay_outcome FROM drainboard_rejections WHERE message_id = ? FOR UPDATE) old "
                + "WHERE r.message_id = old.message_id AND old.replay_outcome IS DISTINCT FROM 'row' "
                + "RETURNING coalesce(old.replay_outcome, '')";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT replay_outcome FROM drainboard_rejections "
                    + "WHERE message_id = ?")) {
                q.setString(1, messageId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() && ROW.equals(rs.getString(1)) ? ROW : null;
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("mark message " + messageId + " replayed", description, e);
        }
    }

    @Override
    public void replayNotFound(String messageId, String previous) {
        String sql = previous == null || previous.isEmpty()
                ? "UPDATE drainboard_rejections SET replayed_at = NULL, replay_outcome = NULL WHERE message_id = ?"
                : "UPDATE drainboard_rejections SET replay_outcome = ? WHERE message_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            if (previous == null || previous.isEmpty()) {
                ps.setString(1, messageId);
            } else {
                ps.setString(1, previous);
                ps.setString(2, messageId);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.wrap("undo the replay mark of message " + messageId, description, e);
        }
    }

    private static void insertRows(Connection c, List<MaskedLogin> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ROWS)) {
            Object[][] cols = rowColumns(rows);
            for (int k = 0; k < 7; k++) {
                ps.setArray(k + 1, c.createArrayOf(k == 6 ? "date" : "varchar", cols[k]));
            }
            ps.executeUpdate();
        }
    }

    /** Binds the message ids (1) and the seven columns (2-8) of {@code rows} for {@link #WRITE_ONE_STATEMENT}. */
    private static void bindRows(Connection c, PreparedStatement ps, List<MaskedLogin> rows) throws SQLException {
        Object[] ids = new Object[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).messageId();
        }
        ps.setArray(1, c.createArrayOf("varchar", ids));
        Object[][] cols = rowColumns(rows);
        for (int k = 0; k < 7; k++) {
            ps.setArray(k + 2, c.createArrayOf(k == 6 ? "date" : "varchar", cols[k]));
        }
    }

    private static Object[][] rowColumns(List<MaskedLogin> rows) {
        int n = rows.size();
        Object[][] cols = new Object[7][n];
        for (int i = 0; i < n; i++) {
            MaskedLogin r = rows.get(i);
            cols[0][i] = r.userId();
            cols[1][i] = r.deviceType();
            cols[2][i] = r.maskedIp();
            cols[3][i] = r.maskedDeviceId();
            cols[4][i] = r.locale();
            cols[5][i] = r.appVersion();
            cols[6][i] = r.createDate() == null ? null : Date.valueOf(r.createDate());
        }
        return cols;
    }

    private static void insertRejections(Connection c, List<Rejection> rejections) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REJECTIONS)) {
            bindRejections(c, ps, 1, rejections);
            ps.executeUpdate();
        }
    }

    /** Binds the rejections' message ids, reasons and summaries as three arrays from parameter {@code first}. */
    private static void bindRejections(Connection c, PreparedStatement ps, int first, List<Rejection> rejections)
            throws SQLException {
        int n = rejections.size();
        Object[] ids = new Object[n];
        Object[] reasons = new Object[n];
        Object[] summaries = new Object[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rejections.get(i).messageId();
            reasons[i] = rejections.get(i).reason();
            summaries[i] = rejections.get(i).summary();
        }
        ps.setArray(first, c.createArrayOf("varchar", ids));
        ps.setArray(first + 1, c.createArrayOf("text", reasons));
        ps.setArray(first + 2, c.createArrayOf("text", summaries));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the server discards the open transaction
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the connection pool failed", e);
            }
        }
    }
}
