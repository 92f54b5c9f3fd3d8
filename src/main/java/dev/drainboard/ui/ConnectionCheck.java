package dev.drainboard.ui;

import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/**
 * The real {@link ConnectionModel.Checker}: opens the queue and reads its depth, opens a one-connection
 * pool and runs {@code SELECT 1}. Blocking; run it in the background. Changes nothing on either server.
 */
final class ConnectionCheck implements ConnectionModel.Checker {

    @Override
    public String sqs(Map<ConfigKey, String> flags) throws Exception {
        AppConfig c = ConfigLoader.load(flags);
        if (c.embeddedSqs()) {
            return "SQS: embedded ElasticMQ, started by the console (nothing to test).";
        }
        try (SqsQueueSource s = SqsClients.open(c, c.sqsEndpoint().orElse(null))) {
            QueueDepth d = s.depth();
            return "SQS ok: " + d.available() + " messages waiting in " + c.queue() + ".";
        }
    }

    @Override
    public String db(Map<ConfigKey, String> flags) throws Exception {
        AppConfig c = ConfigLoader.load(flags);
        if (c.embeddedDb()) {
            return "PostgreSQL: embedded, started by the console (nothing to test).";
        }
        String url = c.jdbcUrl().orElseThrow();
        try (HikariDataSource ds = PostgresLoginSink.pool(url, c.dbUser(), c.dbPassword(), 1);
             Connection conn = ds.getConnection(); Statement st = conn.createStatement()) {
            st.execute("SELECT 1");
            return "PostgreSQL ok: connected to " + ConfigLoader.redactUrl(url) + " as " + c.dbUser() + ".";
        }
    }
}
