package dev.drainboard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedSqs;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drain --follow} started while its queue server (or its database) is not running, as a
 * real process: it stays up, says it is not ready and why, and drains once a real ElasticMQ (a
 * real PostgreSQL) starts on that port.
 */
class StartWithoutServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFollowerStartedBeforeItsQueueServerWaitsNotReadyAndDrainsOnceTheServerComes(@TempDir Path dir)
            throws Exception {
        int port = EmbeddedSqs.freePort();
        AppConfig c = TestServers.config(Map.of(ConfigKey.SQS_ENDPOINT, "http://127.0.0.1:" + port));
        try (ServiceProcess svc = ServiceProcess.start(c, dir.resolve("svc.log"), "--metrics-port=0",
                "--health-interval=1", "--workers=1")) {
            // nothing listens on the port: the service waits (a second attempt has been announced), alive, not ready
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(svc.process.isAlive()).as(svc.output()).isTrue();
                return svc.output().split("Not ready; trying again in", -1).length > 2;
            });
            assertThat(svc.output()).contains("nothing answers at").doesNotContain("Following ");
            assertThat(svc.get("health/live").statusCode()).isEqualTo(200);
            assertThat(svc.get("health/ready").statusCode()).isEqualTo(503);
            JsonNode ready = JSON.readTree(svc.get("health/ready").body());
            assertThat(ready.at("/checks/sqs/status").asText()).isEqualTo("DOWN");
            assertThat(ready.at("/checks/sqs/detail").asText()).startsWith("unreachable at start");
            assertThat(FollowModeTest.metrics(svc).value("drainboard_outage", "server", "sqs")).isEqualTo(1);
            assertThat(FollowModeTest.metrics(svc).value("drainboard_ready")).isZero();

            try (EmbeddedSqs sqs = EmbeddedSqs.start(port, null)) {
                svc.awaitFollowing();
                await().atMost(Duration.ofSeconds(60)).until(() -> svc.get("health/ready").statusCode() == 200);
                try (Pipeline p = new Pipeline(c)) {
                    p.source.send(List.of(Messages.login("late-server", "198.51.100.9", "731-12-4102")));
                    await().atMost(Duration.ofSeconds(60)).until(() -> Db.count(p.jdbc(),
                            "SELECT count(*) FROM user_logins") == 1);
                    assertThat(FollowModeTest.metrics(svc).value("drainboard_outage", "server", "sqs")).isZero();
                    assertThat(svc.terminate(Duration.ofSeconds(30))).as(svc.output()).isZero();
                    assertThat(p.source.depth().total()).isZero();
                }
            }
        }
    }

    @Test
    void aFollowerStartedBeforeItsDatabaseWaitsNotReadyAndDrainsOnceTheDatabaseComes(@TempDir Path dir)
            throws Exception {
        Path pgData = dir.resolve("pg");
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.startThrowaway(pgData, 0);
        int pgPort = pg.port();
        AppConfig c = TestServers.config(Map.of(ConfigKey.JDBC_URL, pg.jdbcUrl()));
        pg.close();
        try (ServiceProcess svc = ServiceProcess.start(c, dir.resolve("svc.log"), "--metrics-port=0",
                "--health-interval=1", "--workers=1")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(svc.process.isAlive()).as(svc.output()).isTrue();
                return svc.output().split("Not ready; trying again in", -1).length > 2;
            });
            JsonNode ready = JSON.readTree(svc.get("health/ready").body());
            assertThat(ready.at("/status").asText()).isEqualTo("DOWN");
            assertThat(ready.at("/checks/postgresql/detail").asText()).startsWith("unreachable at start");
            assertThat(ready.at("/checks/sqs/status").asText()).isEqualTo("UP");
            assertThat(FollowModeTest.metrics(svc).value("drainboard_outage", "server", "postgresql")).isEqualTo(1);

            pg = EmbeddedPostgresServer.startThrowaway(pgData, pgPort);
            svc.awaitFollowing();
            try (Pipeline p = new Pipeline(c)) {
                p.source.send(List.of(Messages.login("late-db", "198.51.100.10", "731-12-4103")));
                await().atMost(Duration.ofSeconds(60)).until(() -> Db.count(p.jdbc(),
                        "SELECT count(*) FROM user_logins") == 1);
                assertThat(svc.terminate(Duration.ofSeconds(30))).as(svc.output()).isZero();
            }
        } finally {
            pg.close();
        }
    }

    @Test
    void aFollowerStoppedWhileItWaitsForItsServersExitsZero(@TempDir Path dir) throws Exception {
        AppConfig c = TestServers.config(Map.of(ConfigKey.SQS_ENDPOINT, "http://127.0.0.1:" + EmbeddedSqs.freePort()));
        try (ServiceProcess svc = ServiceProcess.start(c, dir.resolve("svc.log"), "--workers=1")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(svc.process.isAlive()).as(svc.output()).isTrue();
                return svc.output().contains("Not ready; trying again in");
            });
            assertThat(svc.terminate(Duration.ofSeconds(30))).as(svc.output()).isZero();
            assertThat(svc.output()).contains("Stopped while waiting for the servers; nothing was drained");
        }
    }
}
