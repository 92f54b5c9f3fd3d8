package dev.drainboard.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded queue's message store: ElasticMQ's own SQL tables (one {@code queue} table, one
 * {@code message_<name>_<hash>} table per queue), kept in the database {@value #DATABASE} of the
 * embedded PostgreSQL. ElasticMQ writes every send, receive, visibility change and delete there
 * in its own autocommit statement and answers the client only after the write returned, so with
 * a durable server an acknowledged operation survives a crash.
 *
 * <p>ElasticMQ restores what it finds and carries on silently when it cannot, so before it
 * starts, {@link #inventory()} reads every table twice (a sequential scan and a scan of its
 * unique index): a damaged or truncated table shows up as a read error or as two different counts,
 * and the start stops instead of serving an empty queue.
 */
public final class QueueStore {
    private static final Logger log = LoggerFactory.getLogger(QueueStore.class);
    static final String DATABASE = "elasticmq";
    private static final String LEGACY_H2 = "messages.mv.db";

    private final String url;
    private final String user;
    private final String password;

    private QueueStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The store on a data folder's server; makes ElasticMQ's {@code blob} column type exist there. */
    public static QueueStore on(EmbeddedPostgresServer pg) throws IOException {
        return on(pg, DATABASE);
    }

    /** A store in {@code database} of {@code pg} (tests give each store a database of its own). */
    public static QueueStore on(EmbeddedPostgresServer pg, String database) throws IOException {
        QueueStore store = new QueueStore(pg.jdbcUrl(database), pg.user(), pg.password());
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = admin.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!r.next()) {
                // a throwaway server (its login may create databases); a data folder's was made at set-up
                s.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IOException("creating the embedded queue's message store failed: " + e.getMessage(), e);
        }
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            // ElasticMQ's DDL says blob (H2's name); PostgreSQL's is bytea
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'blob') THEN "
                    + "CREATE DOMAIN blob AS bytea; END IF; END $$");
        } catch (SQLException e) {
            throw new IOException("preparing the embedded queue's message store failed: " + e.getMessage(), e);
        }
        return store;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** ElasticMQ's table name for a queue's messages. */
    static String messageTable(String queue) {
        return "message_" + queue.replace(".", "_").replace("-", "_") + "_" + Integer.toHexString(queue.hashCode());
    }

    /**
     * The stored queues and how many messages each holds, in the order they were stored.
     *
     * @throws IOException naming what was found, when a table cannot be read or its two counts differ
     */
    public Map<String, Long> inventory() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = connect()) {
            if (!tableExists(c, "queue")) {
                return out;
            }
            List<String> names = new ArrayList<>();
            countTwice(c, "queue", "name");
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM queue")) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            for (String q : names) {
                String t = messageTable(q);
                out.put(q, tableExists(c, t) ? countTwice(c, t, "message_id") : 0L);
            }
            return out;
        } catch (SQLException e) {
            throw damaged(out, e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw damaged(out, e.getMessage(), e);
        }
    }

    private IOException damaged(Map<String, Long> readSoFar, String why, Exception cause) {
        return new IOException("the embedded queue's message store (database " + DATABASE + " of the embedded "
                + "PostgreSQL) is damaged: " + why + (readSoFar.isEmpty() ? "" : "; read before that: " + readSoFar)
                + ". Drainboard did not start the queue, so nothing in it was changed or replaced. To recover, "
                + "restore the data folder from a backup; to start over with an empty queue instead, move the data "
                + "folder aside and start again.", cause);
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, "public." + table);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * Counts {@code table}'s rows by a sequential scan and through the unique index on {@code key}:
     * a read error, or two different numbers, means damaged files.
     */
    private static long countTwice(Connection c, String table, String key) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_indexscan = off");
            s.execute("SET LOCAL enable_indexonlyscan = off");
            s.execute("SET LOCAL enable_bitmapscan = off");
            long heap = single(s, "SELECT count(*) FROM " + table);
            s.execute("SET LOCAL enable_seqscan = off");
            s.execute("SET LOCAL enable_indexscan = on");
            s.execute("SET LOCAL enable_indexonlyscan = on");
            long index = single(s, "SELECT count(*) FROM " + table + " WHERE " + key + " IS NOT NULL");
            long nullKeys;
            s.execute("SET LOCAL enable_seqscan = on");
            nullKeys = single(s, "SELECT count(*) FROM " + table + " WHERE " + key + " IS NULL");
            if (heap != index + nullKeys) {
                throw new IllegalStateException("table " + table + " has " + heap + " rows but its index lists "
                        + (index + nullKeys));
            }
            return heap;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Moves the messages of an H2 store made by an earlier version ({@code <dir>/messages.mv.db})
     * into this store, in one transaction, when this store is still empty; then renames the H2 file
     * so that it is not read again. A crash before the rename leaves a filled store and the file,
     * and the next start only renames it.
     *
     * @return the number of messages moved
     * @throws IOException when the H2 file cannot be read (it is left as it was)
     */
    long migrateLegacyH2(Path dir, boolean storeIsEmpty) throws IOException {
        Path file = dir.resolve(LEGACY_H2);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long moved = 0;
        if (storeIsEmpty) {
            String h2 = "jdbc:h2:" + dir.toAbsolutePath().resolve("messages") + ";ACCESS_MODE_DATA=r;DB_CLOSE_ON_EXIT=FALSE";
            try (Connection from = DriverManager.getConnection(h2, "", ""); Connection to = connect()) {
                to.setAutoCommit(false);
                moved = copyTables(from, to);
                to.commit();
            } catch (SQLException e) {
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                throw new IOException("the embedded queue's message store of an earlier version, " + file
                        + ", cannot be read (" + why + "). Nothing was changed: keep the folder for recovery "
                        + "(H2's Recover tool), or move " + file + " aside to start with an empty queue.", e);
            }
            log.info("Moved {} queued messages from the earlier H2 store {} into the PostgreSQL store", moved, file);
        }
        Files.move(file, dir.resolve(LEGACY_H2 + ".migrated"));
        return moved;
    }

    private static long copyTables(Connection from, Connection to) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet r = from.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String t = r.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (t.equals("queue") || t.startsWith("message_")) {
                    tables.add(t);
                }
            }
        }
        long messages = 0;
        try (Statement ddl = to.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS queue (name varchar unique, data blob)");
        }
        for (String t : tables) {
            if (t.startsWith("message_")) {
                try (Statement ddl = to.createStatement()) {
                    ddl.execute("CREATE TABLE IF NOT EXISTS " + t + " (message_id varchar unique, delivery_receipts "
                            + "blob, next_delivery bigint, content blob, attributes blob, created bigint, received "
                            + "bigint, receive_count int, group_id varchar, deduplication_id varchar, tracing_id "
                            + "varchar, sequence_number varchar, dead_letter_source_queue_name varchar)");
                }
            }
            long n = copyRows(from, to, t);
            if (t.startsWith("message_")) {
                messages += n;
            }
        }
        return messages;
    }

    private static long copyRows(Connection from, Connection to, String table) throws SQLException {
        long n = 0;
        try (Statement s = from.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = r.getMetaData();
            int cols = md.getColumnCount();
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 1; i <= cols; i++) {
                names.append(i > 1 ? ", " : "").append(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                marks.append(i > 1 ? ", " : "").append('?');
            }
            try (PreparedStatement ins = to.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES ("
                    + marks + ")")) {
                while (r.next()) {
                    for (int i = 1; i <= cols; i++) {
                        int type = md.getColumnType(i);
                        if (type == java.sql.Types.BLOB || type == java.sql.Types.VARBINARY
                                || type == java.sql.Types.BINARY || type == java.sql.Types.LONGVARBINARY) {
                            ins.setBytes(i, r.getBytes(i));
                        } else {
                            ins.setObject(i, r.getObject(i));
                        }
                    }
                    ins.addBatch();
                    n++;
                }
                ins.executeBatch();
            }
        }
        return n;
    }
}
