package dev.drainboard.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.QueueDepth;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/**
 * The connection check of the Connection dialog: opens the queue and reads its depth, opens a
 * one-connection pool and runs {@code SELECT 1}. Blocking; run it in the background. Changes
 * nothing on either server. Each method returns one line for people, or throws with the cause.
 */
public final class ConnectionCheck {

    /** Checks the SQS settings of {@code flags}. */
    public String sqs(Map<ConfigKey, String> flags) throws Exception {
        AppConfig c = ConfigLoader.load(flags);
        if (c.embeddedSqs()) {
            return "SQS: embedded ElasticMQ, started by the console (nothing to test).";
        }
        QueueDepth d = Workspace.probeQueue(c);
        return "SQS ok: " + d.available() + " messages waiting in " + c.queue() + ".";
    }

    /** Checks the PostgreSQL settings of {@code flags}. */
    public String db(Map<ConfigKey, String> flags) throws Exception {
        AppConfig c = ConfigLoader.load(flags);
        if (c.embeddedDb()) {
            return "PostgreSQL: embedded, started by the console (nothing to test).";
        }
        String url = c.jdbcUrl().orElseThrow();
        try (HikariDataSource ds = Workspace.pool(c, 1);
             Connection conn = ds.getConnection(); Statement st = conn.createStatement()) {
            st.execute("SELECT 1");
            return "PostgreSQL ok: connected to " + ConfigLoader.redactUrl(url) + " as " + c.dbUser() + ".";
        }
    }
}
