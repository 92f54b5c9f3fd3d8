package dev.drainboard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drain --follow} as a real process against real ElasticMQ and PostgreSQL. */
class FollowModeTest {
    private static final String PASSWORD = "svc-pw-7f3a9c-never-shown";
    private static final Duration SHUTDOWN = Duration.ofSeconds(20);

    @Test
    void messagesSentAfterTheServiceWentIdleAreDrainedAndItsMetricsEqualTheDatabase(@TempDir Path dir)
            throws Exception {
        AppConfig c = TestServers.config(Map.of(ConfigKey.DB_PASSWORD, PASSWORD));
        List<String> first = logins(0, 30);
        List<String> later = logins(30, 25);
        later.add("{\"foo\": \"not a login\"}");
        later.add("{\"user_id\": \"broken\", \"ip\": ");
        try (Pipeline p = new Pipeline(c);
             ServiceProcess svc = ServiceProcess.start(c, dir.resolve("svc.log"), "--metrics-port=0",
                     "--health-interval=1", "--log-format=json", "--workers=2")) {
            svc.awaitFollowing();
            p.source.send(first);
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger(p) == 30
                    && metrics(svc).value("drainboard_messages_deleted_total") == 30);
            // idle: everything is committed and deleted, and the service keeps polling an empty queue
            double emptyBefore = emptyReceives(svc);
            await().atMost(Duration.ofSeconds(60)).until(() -> emptyReceives(svc) >= emptyBefore + 3);
            assertThat(svc.process.isAlive()).isTrue();

            p.source.send(later);
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger(p) == 57);
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics(svc).value("drainboard_messages_deleted_total")
                    == 57);

            PrometheusText m = metrics(svc);
            long rows = Db.count(p.jdbc(), "SELECT count(*) FROM user_logins");
            long rejections = Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections");
            assertThat(rows).isEqualTo(55);
            assertThat(rejections).isEqualTo(2);
            assertThat(m.value("drainboard_messages_received_total")).isEqualTo(57);
            assertThat(m.value("drainboard_rows_written_total")).isEqualTo(rows);
            assertThat(m.value("drainboard_messages_rejected_total")).isEqualTo(rejections);
            assertThat(m.value("drainboard_messages_duplicates_skipped_total")).isZero();
            assertThat(m.value("drainboard_messages_deleted_total")).isEqualTo(57);
            assertThat(m.value("drainboard_messages_released_total")).isZero();
            assertThat(m.value("drainboard_commit_seconds_count")).isPositive();
            assertThat(m.value("drainboard_batch_size_messages_sum")).isEqualTo(57);
            assertThat(m.value("drainboard_outage", "server", "postgresql")).isZero();
            assertThat(m.value("drainboard_outage", "server", "sqs")).isZero();
            assertThat(m.value("drainboard_ready")).isEqualTo(1);
            assertThat(m.types).containsEntry("drainboard_commit_seconds", "histogram");
            assertThat(m.hasFamilyStartingWith("jvm_memory_used")).isTrue();
            assertThat(m.hasFamilyStartingWith("hikaricp_connections")).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    metrics(svc).value("drainboard_queue_messages", "queue", "dead_letter", "state", "visible") == 2);
            assertThat(svc.get("health/live").statusCode()).isEqualTo(200);
            assertThat(svc.get("health/ready").statusCode()).isEqualTo(200);

            String scraped = svc.get("metrics").body();
            assertThat(svc.terminate(SHUTDOWN)).as(svc.output()).isZero();

            List<String> secrets = new ArrayList<>(Messages.rawPii(first));
            secrets.addAll(Messages.rawPii(later));
            secrets.addAll(List.of(PASSWORD, TestKeys.BASE64, HexFormat.of().formatHex(TestKeys.BYTES)));
            String logs = svc.output();
            assertThat(scraped).as("labels never name the queue").doesNotContain(c.queue());
            for (String s : secrets) {
                assertThat(scraped).doesNotContain(s);
                assertThat(logs).doesNotContain(s);
            }
            // --log-format json: every line one JSON object, the final totals among them
            ObjectMapper json = new ObjectMapper();
            JsonNode last = null;
            for (String line : logs.split("\n")) {
                JsonNode n = json.readTree(line);
                assertThat(n.isObject()).as(line).isTrue();
                assertThat(n.has("@timestamp") && n.has("level") && n.has("message")).as(line).isTrue();
                last = n;
            }
            assertThat(last.get("message").asText()).isEqualTo("Drain stopped");
            assertThat(last.get("written").asLong()).isEqualTo(55);
            assertThat(last.get("rejected").asLong()).isEqualTo(2);
        }
    }

    @Test
    void sigtermInTheMiddleOfALargeDrainExitsZeroAndASecondRunLeavesExactCounts(@TempDir Path dir)
            throws Exception {
        int n = 3_000;
        AppConfig c = TestServers.config(Map.of(ConfigKey.VISIBILITY_TIMEOUT, "30"));
        try (Pipeline p = new Pipeline(c)) {
            p.source.send(DemoMessages.generate(n, 0.2, 0.02, 15));
            long malformed = malformedAmong(n, 15);
            long atStop;
            String output;
            try (ServiceProcess svc = ServiceProcess.start(c, dir.resolve("svc.log"), "--workers=1",
                    "--shutdown-timeout=" + SHUTDOWN.toSeconds())) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> ledger(p) >= 300);
                long t0 = System.nanoTime();
                int code = svc.terminate(SHUTDOWN.plusSeconds(10));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                output = svc.output();
                assertThat(code).as(output).isZero();
                assertThat(took).isLessThan(SHUTDOWN);
                atStop = ledger(p);
            }
            assertThat(atStop).as("the stop came in the middle of the drain").isLessThan(n);
            assertThat(output).contains("SIGTERM: stopping after the commit in flight");
            // what the service received and did not commit was handed back at once, not left to time out
            assertThat(p.source.depth().inFlight()).isZero();
            assertThat(p.source.depth().available()).isEqualTo(n - atStop);

            p.drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO), ProgressListener.NONE, new StopSignal());

            assertThat(ledger(p)).isEqualTo(n);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(n - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(n - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(p.source.depth().total()).isZero();
        }
    }

    @Test
    void fourFollowersOnOneQueueWithMessagesArrivingOverTimeGiveExactCounts(@TempDir Path dir) throws Exception {
        AppConfig c = TestServers.config(Map.of(ConfigKey.WORKERS, "1"));
        int waves = 4;
        int perWave = 150;
        DemoMessages.Generator gen = new DemoMessages.Generator(0.2, 0.02, 44);
        List<ServiceProcess> services = new ArrayList<>();
        try (Pipeline p = new Pipeline(c)) {
            for (int i = 0; i < 4; i++) {
                services.add(ServiceProcess.start(c, dir.resolve("svc-" + i + ".log"), "--workers=1"));
            }
            for (ServiceProcess s : services) {
                s.awaitFollowing();
            }
            int sent = 0;
            for (int w = 0; w < waves; w++) {
                List<String> wave = new ArrayList<>();
                for (int i = 0; i < perWave; i++) {
                    wave.add(gen.next());
                }
                p.source.send(wave);
                sent += perWave;
                // the next wave arrives while the followers are still working on this one
                int half = sent - perWave / 2;
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger(p) >= half);
            }
            int total = sent;
            await().atMost(Duration.ofSeconds(90)).until(() -> ledger(p) == total);
            long byService = 0;
            for (ServiceProcess s : services) {
                assertThat(s.terminate(SHUTDOWN)).as(s.output()).isZero();
                byService += summaryNumber(s.output(), "rows written") + summaryNumber(s.output(), "rejected");
            }

            long malformed = gen.malformed();
            assertThat(ledger(p)).isEqualTo(total);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(total - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(total - malformed);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(malformed);
            assertThat(p.source.depth().total()).isZero();
            assertThat(byService).as("what the four services say they wrote").isEqualTo(total);
        } finally {
            for (ServiceProcess s : services) {
                s.close();
            }
        }
    }

    static long ledger(Pipeline p) {
        return Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger");
    }

    static PrometheusText metrics(ServiceProcess svc) {
        HttpResponse<String> r = svc.get("metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(ServiceHttp.PROMETHEUS_TEXT);
        return PrometheusText.parse(r.body());
    }

    /**
     * Receives that returned nothing: all receives minus those that brought a batch (each committed
     * batch came from one receive); exact once every batch received so far is committed.
     */
    private static double emptyReceives(ServiceProcess svc) {
        PrometheusText m = metrics(svc);
        return m.value("drainboard_receive_seconds_count") - m.value("drainboard_batch_size_messages_count");
    }

    private static List<String> logins(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(Messages.login("svc-user-" + i, "198.51.100." + (i % 50 + 1), "731-" + (10 + i % 7) + "-4" + (100 + i)));
        }
        return out;
    }

    private static long malformedAmong(int n, long seed) {
        DemoMessages.Generator g = new DemoMessages.Generator(0.2, 0.02, seed);
        for (int i = 0; i < n; i++) {
            g.next();
        }
        return g.malformed();
    }

    /** A number from the drain's summary on stdout ("  released   12 ..."); 0 when the line is absent. */
    private static long summaryNumber(String output, String label) {
        Matcher m = Pattern.compile("^  " + Pattern.quote(label) + "\\s+([\\d,]+)", Pattern.MULTILINE).matcher(output);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
