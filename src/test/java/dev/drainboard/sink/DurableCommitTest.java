package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages are deleted once COMMIT returns, so the commit must be on disk by then even where the
 * database is set up to acknowledge commits early: each commit transaction runs with
 * {@code synchronous_commit = on}, whatever the server, database or role says.
 */
class DurableCommitTest {

    @Test
    void everyCommitIsSynchronousOnADatabaseConfiguredAsynchronous() {
        String jdbc = TestServers.freshDatabase();
        String name = jdbc.substring(jdbc.lastIndexOf('/') + 1);
        Db.execute(jdbc, "ALTER DATABASE " + name + " SET synchronous_commit = off");
        assertThat(Db.string(jdbc, "SHOW synchronous_commit")).as("the database's own setting").isEqualTo("off");
        try (Pipeline p = new Pipeline(TestServers.config(Map.of(ConfigKey.JDBC_URL, jdbc)))) {
            Db.execute(jdbc, "CREATE TABLE commit_settings (setting text NOT NULL)");
            Db.execute(jdbc, "CREATE FUNCTION record_commit_setting() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO commit_settings VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$");
            Db.execute(jdbc, "CREATE TRIGGER record_commit_setting AFTER INSERT ON drainboard_ledger "
                    + "FOR EACH STATEMENT EXECUTE FUNCTION record_commit_setting()");
            p.source.send(DemoMessages.generate(60, 0.2, 0.0, 5));

            p.drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());

            assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(60);
            assertThat(Db.count(jdbc, "SELECT count(*) FROM commit_settings")).isPositive();
            assertThat(Db.count(jdbc, "SELECT count(*) FROM commit_settings WHERE setting <> 'on'"))
                    .as("commits that ran with synchronous_commit off").isZero();
        }
    }
}
