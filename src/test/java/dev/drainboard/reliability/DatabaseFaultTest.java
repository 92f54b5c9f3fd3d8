package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.cli.Main;
import dev.drainboard.config.AppConfig;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database that refuses every row for a reason that is not the row's data (a missing privilege,
 * an object in use, an internal error) must stop the drain and delete nothing: only SQLSTATE
 * classes 22 and 23 may quarantine a valid login.
 */
class DatabaseFaultTest {

    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {"42501", "55000", "XX000"})
    void aRefusalThatIsNotAboutTheDataStopsTheDrainAndQuarantinesNothing(String sqlState) {
        AppConfig c = TestServers.config();
        try (Pipeline p = new Pipeline(c)) {
            Db.execute(p.jdbc(), "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "RAISE EXCEPTION 'not allowed here' USING ERRCODE = '" + sqlState + "'; END $$");
            Db.execute(p.jdbc(), "CREATE TRIGGER refuse BEFORE INSERT ON user_logins FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse()");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                bodies.add(Messages.login("u" + i, "10.2.0." + i, "200-00-" + i));
            }
            p.source.send(bodies);
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"drain", "--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(),
                "--queue=" + c.queue(), "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(),
                "--wait-seconds=0", "--workers=1"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as(out.toString()).isNotZero();
        assertThat(err.toString()).contains("SQLSTATE " + sqlState).contains("problem of the database")
                .contains("nothing was quarantined or deleted");
        String db = c.jdbcUrl().orElseThrow();
        assertThat(Db.count(db, "SELECT count(*) FROM drainboard_rejections")).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM drainboard_ledger")).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM user_logins")).isZero();
        try (Pipeline p = new Pipeline(c)) {
            assertThat(p.source.depth().total()).isEqualTo(20);
            assertThat(p.source.deadLetterDepth().total()).isZero();
        }
    }
}
