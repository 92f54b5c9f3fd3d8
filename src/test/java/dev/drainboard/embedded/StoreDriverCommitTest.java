package dev.drainboard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.support.Db;
import dev.drainboard.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The queue store's commits through {@link StoreDriver}, on a real PostgreSQL whose database says
 * {@code synchronous_commit = on}: a trigger records the setting each statement's transaction runs
 * with. ElasticMQ's per-message state update (a receive) runs asynchronously; its inserts (sends)
 * and deletes, and every other update, stay synchronous.
 */
class StoreDriverCommitTest {

    @Test
    void onlyTheReceiveStateUpdateIsCommittedAsynchronously() throws Exception {
        String jdbc = TestServers.freshDatabase();
        // the test server runs with it off; the embedded default's runs with it on
        Db.execute(jdbc, "ALTER DATABASE " + jdbc.substring(jdbc.lastIndexOf('/') + 1) + " SET synchronous_commit = on");
        Db.execute(jdbc, "CREATE TABLE message_q_1a (message_id varchar unique, next_delivery bigint)");
        Db.execute(jdbc, "CREATE TABLE queue (name varchar unique, data bytea)");
        Db.execute(jdbc, "CREATE TABLE seen (op text, setting text)");
        Db.execute(jdbc, "CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO seen VALUES (TG_OP || ' ' || TG_TABLE_NAME, current_setting('synchronous_commit')); "
                + "RETURN NULL; END $$");
        Db.execute(jdbc, "CREATE TRIGGER m AFTER INSERT OR UPDATE OR DELETE ON message_q_1a FOR EACH ROW "
                + "EXECUTE FUNCTION note()");
        Db.execute(jdbc, "CREATE TRIGGER q AFTER INSERT OR UPDATE ON queue FOR EACH ROW EXECUTE FUNCTION note()");

        // the statements as ElasticMQ's MessageRepository and QueueRepository write them
        try (Connection c = DriverManager.getConnection(StoreDriver.url(jdbc), "postgres", "postgres")) {
            run(c, "insert into message_q_1a (message_id, next_delivery) values (?, 1)", "m1");
            run(c, "update message_q_1a set\n                    next_delivery = 2\n              where message_id = ?",
                    "m1");
            run(c, "delete from message_q_1a where message_id = ?", "m1");
            run(c, "insert into queue (name, data) values (?, null)", "q");
            run(c, "update queue set data = null where name = ?", "q");
        }

        assertThat(Db.count(jdbc, "SELECT count(*) FROM seen")).isEqualTo(5);
        assertThat(Db.string(jdbc, "SELECT string_agg(op || '=' || setting, ', ' ORDER BY op) FROM seen"))
                .isEqualTo(String.join(", ", List.of("DELETE message_q_1a=on", "INSERT message_q_1a=on",
                        "INSERT queue=on", "UPDATE message_q_1a=off", "UPDATE queue=on")));
        assertThat(StoreDriver.failed()).isFalse();
    }

    @Test
    void anythingButElasticMqsMessageUpdateIsPassedOnUnchanged() {
        for (String sql : List.of("insert into message_q_1 (message_id) values (?)",
                "delete from message_q_1 where message_id = ?", "update queue set data = ? where name = ?",
                "select * from message_q_1", "update message_q_1 set next_delivery = 1 where created < ?")) {
            assertThat(StoreDriver.relaxed(sql)).isEqualTo(sql);
        }
        assertThat(StoreDriver.relaxed("update message_q_1 set next_delivery = ? where message_id = ?"))
                .endsWith("and (select set_config('synchronous_commit', 'off', true)) is not null");
    }

    private static void run(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
