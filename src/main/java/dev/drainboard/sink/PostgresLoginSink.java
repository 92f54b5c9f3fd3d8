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
 * {@link LoginSink} on PostgreSQL. One transaction per batch or group of batches: the ledger insert
 * decides which message ids are new; only their rows and rejections are inserted, the rows by COPY
 * and everything else with {@code INSERT ... SELECT FROM unnest(...)} over bound arrays (no SQL is
 * built from data; COPY's values are escaped by {@link CopyText}).
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
     * The first statement of a group without replays: the ledger insert decides which ids are new
     * (its RETURNING list), and the rejections of exactly those ids are inserted by the same
     * statement (data-modifying CTEs see each other's RETURNING rows). The rows then go in by COPY
     * ({@link #COPY_ROWS}). On a FIFO queue the ledger gets each message's group and sequence number.
     * The always-true {@code set_config} makes this transaction commit with {@code synchronous_commit
     * = on} whatever the server, database or role says, without a {@code SET LOCAL} round trip and
     * without leaving a setting on the session that a transaction-mode pooler would not keep.
     */
    private static final String LEDGER_INPUTS = "WITH x AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::numeric[]) AS x(message_id, outcome, grp, seq)), "
            + "j AS (SELECT * FROM unnest(?::varchar[], ?::text[], ?::text[]) AS j(message_id, reason, summary)), ";
    private static final String LEDGER_AND_REJECTIONS = "fresh AS (INSERT INTO drainboard_ledger (message_id, outcome, "
            + "message_group_id, sequence_number) SELECT message_id, outcome, grp, seq FROM x "
            + "WHERE (SELECT set_config('synchronous_commit', 'on', true)) IS NOT NULL "
            + "ON CONFLICT (message_id) DO NOTHING RETURNING message_id), "
            + "rej AS (INSERT INTO drainboard_rejections (message_id, reason, summary) SELECT j.message_id, j.reason, "
            + "j.summary FROM j JOIN fresh f ON f.message_id = j.message_id)";
    private static final String LEDGER_FIRST = LEDGER_INPUTS + LEDGER_AND_REJECTIONS + " SELECT message_id FROM fresh";

    /**
     * {@link #LEDGER_FIRST} with the rows too (parameters 8-15: message ids and the seven columns),
     * inserted from {@code unnest} in receive order for exactly the returned ids: the whole group in
     * one statement, two round trips with COMMIT. Used when the database is far ({@link #rowsByCopy}).
     */
    private static final String ONE_STATEMENT = LEDGER_INPUTS + "r AS (SELECT * FROM unnest(?::varchar[], "
            + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::date[]) "
            + "WITH ORDINALITY AS r(message_id, user_id, device_type, masked_ip, masked_device_id, locale, app_version, "
            + "create_date, ord)), " + LEDGER_AND_REJECTIONS + ", "
            + "ins AS (INSERT INTO user_logins (user_id, device_type, masked_ip, masked_device_id, locale, app_version, "
            + "create_date) SELECT r.user_id, r.device_type, r.masked_ip, r.masked_device_id, r.locale, r.app_version, "
            + "r.create_date FROM r JOIN fresh f ON f.message_id = r.message_id ORDER BY r.ord) "
            + "SELECT message_id FROM fresh";

    /** How a group without replays is written: chosen by the database's distance, or fixed (tests). */
    enum WritePath { BY_DISTANCE, COPY, ONE_STATEMENT }

    /**
     * Above this average COMMIT time the database counts as far (a network away), below {@link
     * #NEAR_NANOS} as near again. A COMMIT is one round trip and a flush: about 1 ms on this
     * project's machine with a local server, 20 ms and more across a network of 20 ms. So a local
     * server with slow storage (or a synchronous standby) can count as far too; that costs the
     * COPY's CPU saving, never correctness: both paths write the same rows.
     */
    static final long FAR_NANOS = 6_000_000L;
    static final long NEAR_NANOS = 3_000_000L;

    /**
     * The rows of the new ids, in receive order. COPY rather than {@code INSERT ... SELECT FROM
     * unnest(...)}: PostgreSQL writes COPY's rows several to a heap page and write-ahead-log record,
     * which measured 27-29 instead of 38-43 microseconds of server CPU per row with this table's six
     * indexes (docs/performance.md).
     */
    static final String COPY_ROWS = "COPY user_logins (user_id, device_type, masked_ip, masked_device_id, locale, "
            + "app_version, create_date) FROM STDIN";

    private final DataSource dataSource;
    private final String description;
    private final AutoCloseable owned;
    private final WritePath path;
    /**
     * Whether a group's rows go in by COPY (four round trips, about 10 us less database CPU per row)
     * or in {@link #ONE_STATEMENT} (two round trips). Near, CPU decides and COPY wins; far, round
     * trips decide: at 20 ms a group's write took twice as long with COPY (docs/performance.md).
     */
    private volatile boolean rowsByCopy = true;
    /** Moving average of COMMIT's duration (ns), -1 before the first. */
    private final java.util.concurrent.atomic.AtomicLong commitAverage = new java.util.concurrent.atomic.AtomicLong(-1);

    /** A sink over a pool that the caller owns and closes. */
    public PostgresLoginSink(DataSource dataSource, String description) {
        this(dataSource, description, null);
    }

    private PostgresLoginSink(DataSource dataSource, String description, AutoCloseable owned) {
        this(dataSource, description, owned, WritePath.BY_DISTANCE);
    }

    PostgresLoginSink(DataSource dataSource, String description, AutoCloseable owned, WritePath path) {
        this.dataSource = dataSource;
        this.description = description;
        this.owned = owned;
        this.path = path;
    }

    /** Whether the next group's rows go in by COPY (the database is near, or COPY is fixed). */
    boolean writesRowsByCopy() {
        return path == WritePath.COPY || (path == WritePath.BY_DISTANCE && rowsByCopy);
    }

    /** Folds one COMMIT's duration into the average and moves the choice of path, with hysteresis. */
    void commitTook(long nanos) {
        long avg = commitAverage.updateAndGet(a -> a < 0 ? nanos : a + (nanos - a) / 8);
        rowsByCopy = rowsByCopy ? avg < FAR_NANOS : avg < NEAR_NANOS;
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
            return writeGroup(batches, messages);
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
     * The common case (no replayed message in the group). With the database near: {@link
     * #LEDGER_FIRST} (with the driver's BEGIN in front of it), the COPY of the new rows (its start,
     * then its data), and COMMIT, four round trips; far: {@link #ONE_STATEMENT} and COMMIT, two.
     * COMMIT returns only once the transaction is on disk. All or nothing, like the transaction of
     * the other path.
     */
    private List<CommitResult> writeGroup(List<Batch> batches, int messages) {
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
        boolean byCopy = writesRowsByCopy();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(byCopy ? LEDGER_FIRST : ONE_STATEMENT)) {
                    bindLedger(c, ps, batches, rows, rejections);
                    bindRejections(c, ps, 5, rejections);
                    if (!byCopy) {
                        bindRows(c, ps, 8, rows);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            fresh.add(rs.getString(1));
                        }
                    }
                }
                if (byCopy) {
                    copyRows(c, rows, fresh);
                }
                long t0 = System.nanoTime();
                c.commit();
                commitTook(System.nanoTime() - t0);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("write " + messages + " messages", description, e);
        }
        return perBatch(batches, fresh, new ArrayList<>(), new ArrayList<>());
    }

    /**
     * Each batch's result: a new id (in {@code fresh}, which this empties) counts once, for the
     * first batch that holds it; the rest are duplicates. The new rows and rejections are added to
     * {@code newRows} and {@code newRejections}, in order.
     */
    private static List<CommitResult> perBatch(List<Batch> batches, Set<String> fresh, List<MaskedLogin> newRows,
                                               List<Rejection> newRejections) {
        List<CommitResult> results = new ArrayList<>(batches.size());
        for (Batch b : batches) {
            int written = 0;
            int rejected = 0;
            for (MaskedLogin r : b.rows()) {
                if (fresh.remove(r.messageId())) {
                    newRows.add(r);
                    written++;
                }
            }
            for (Rejection r : b.rejections()) {
                if (fresh.remove(r.messageId())) {
                    newRejections.add(r);
                    rejected++;
                }
            }
            int total = b.rows().size() + b.rejections().size();
            results.add(new CommitResult(written, rejected, total - written - rejected, 0, 0));
        }
        return results;
    }

    /** COPYs the rows whose id is in {@code fresh}, in order; nothing when none is. */
    private static void copyRows(Connection c, List<MaskedLogin> rows, Set<String> fresh) throws SQLException {
        CopyText text = new CopyText(rows.size() * 220);
        int n = 0;
        for (MaskedLogin r : rows) {
            if (fresh.contains(r.messageId())) {
                text.field(r.userId()).field(r.deviceType()).field(r.maskedIp()).field(r.maskedDeviceId())
                        .field(r.locale()).field(r.appVersion())
                        .last(r.createDate() == null ? null : r.createDate().toString());
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        byte[] bytes = text.bytes();
        org.postgresql.copy.CopyIn in = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(COPY_ROWS);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } catch (SQLException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            if (in.isActive()) {
                // out of step with the server: this connection must not go back to the pool
                c.abort(Runnable::run);
            }
            throw e;
        }
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
        List<CommitResult> results = perBatch(batches, fresh, rows, rejections);
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

    /**
     * Binds parameters 1-4 of {@link #LEDGER_FIRST}: the id and outcome of every row and rejection,
     * with the group and sequence number of a FIFO queue's messages (nulls on a standard queue).
     */
    private static void bindLedger(Connection c, PreparedStatement ps, List<Batch> batches,
                                   List<MaskedLogin> rows, List<Rejection> rejections) throws SQLException {
        java.util.Map<String, QueueMessage> byId = new java.util.HashMap<>();
        for (Batch b : batches) {
            for (QueueMessage m : b.messages()) {
                if (m.groupId() != null) {
                    byId.putIfAbsent(m.messageId(), m);
                }
            }
        }
        int n = rows.size() + rejections.size();
        List<String> ids = new ArrayList<>(n);
        List<String> outcomes = new ArrayList<>(n);
        List<String> groups = new ArrayList<>(n);
        List<String> sequences = new ArrayList<>(n);
        for (MaskedLogin r : rows) {
            ids.add(r.messageId());
            outcomes.add(ROW);
            addFifoPosition(byId.get(r.messageId()), groups, sequences);
        }
        for (Rejection r : rejections) {
            ids.add(r.messageId());
            outcomes.add("rejected");
            addFifoPosition(byId.get(r.messageId()), groups, sequences);
        }
        ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
        ps.setArray(2, c.createArrayOf("varchar", outcomes.toArray()));
        ps.setArray(3, c.createArrayOf("varchar", groups.toArray()));
        ps.setArray(4, c.createArrayOf("varchar", sequences.toArray()));
    }

    /** A FIFO message's group and sequence number for its ledger entry (nulls on a standard queue). */
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

    /** Binds the rows' message ids and their seven columns as eight arrays from parameter {@code first}. */
    private static void bindRows(Connection c, PreparedStatement ps, int first, List<MaskedLogin> rows)
            throws SQLException {
        Object[] ids = new Object[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).messageId();
        }
        ps.setArray(first, c.createArrayOf("varchar", ids));
        Object[][] cols = rowColumns(rows);
        for (int k = 0; k < 7; k++) {
            ps.setArray(first + 1 + k, c.createArrayOf(k == 6 ? "date" : "varchar", cols[k]));
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
