package dev.drainboard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health/ready follows PostgreSQL going away and coming back; the drain waits the outage out and says so. */
class HealthEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readyTurnsUnreadyWhenPostgresStopsAndReadyAgainWhenItReturns(@TempDir Path dir) throws Exception {
        Path pgData = dir.resolve("pg");
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.startThrowaway(pgData, 0);
        int port = pg.port();
        AppConfig c = TestServers.config(Map.of(ConfigKey.JDBC_URL, pg.jdbcUrl()));
        try (Pipeline p = new Pipeline(c);
             ServiceProcess svc = ServiceProcess.start(c, dir.resolve("svc.log"), "--metrics-port=0",
                     "--health-interval=1", "--workers=1")) {
            svc.awaitFollowing();
            assertThat(svc.get("health/ready").statusCode()).isEqualTo(200);
            p.source.send(List.of(Messages.login("before-outage", "198.51.100.1", "731-10-4100")));
            await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(p.jdbc(),
                    "SELECT count(*) FROM drainboard_ledger") == 1);

            pg.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> svc.get("health/ready").statusCode() == 503);
            JsonNode down = JSON.readTree(svc.get("health/ready").body());
            assertThat(down.at("/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/checks/postgresql/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/checks/sqs/status").asText()).isEqualTo("UP");
            assertThat(svc.get("health/live").statusCode()).isEqualTo(200);
            // a message arriving during the outage is held, and the outage shows in the metrics
            p.source.send(List.of(Messages.login("during-outage", "198.51.100.2", "731-11-4101")));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    FollowModeTest.metrics(svc).value("drainboard_outage", "server", "postgresql") == 1);
            assertThat(FollowModeTest.metrics(svc).value("drainboard_ready")).isZero();
            assertThat(svc.process.isAlive()).isTrue();

            pg = EmbeddedPostgresServer.startThrowaway(pgData, port);
            await().atMost(Duration.ofSeconds(60)).until(() -> svc.get("health/ready").statusCode() == 200);
            await().atMost(Duration.ofSeconds(60)).until(() -> Db.count(p.jdbc(),
                    "SELECT count(*) FROM drainboard_ledger") == 2);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    FollowModeTest.metrics(svc).value("drainboard_outage", "server", "postgresql") == 0);
            HttpResponse<String> ready = svc.get("health/ready");
            assertThat(JSON.readTree(ready.body()).at("/checks/postgresql/status").asText()).isEqualTo("UP");
            assertThat(svc.terminate(Duration.ofSeconds(30))).as(svc.output()).isZero();
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(2);
            assertThat(p.source.depth().total()).isZero();
        } finally {
            pg.close();
        }
    }
}
